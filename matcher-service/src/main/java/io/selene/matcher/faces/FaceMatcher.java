package io.selene.matcher.faces;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.selene.commons.account.AccountContext;
import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorErrors;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.descriptor.Similarity;
import io.selene.commons.far.FarTables;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.fields.EventFields;
import io.selene.commons.fields.FaceFields;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.license.Feature;
import io.selene.commons.license.LicenseCheck;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.settings.LiveSettings;
import io.selene.commons.web.RequestIds;
import io.selene.matcher.MatcherErrors;
import io.selene.matcher.MatcherSettings;
import io.selene.matcher.Vectors;
import io.selene.matcher.candidates.CandidateSettings;
import io.selene.matcher.candidates.DescriptorStream;
import io.selene.matcher.candidates.Hits;
import io.selene.matcher.candidates.StreamedScan;
import io.selene.matcher.events.EventsSource;
import io.selene.matcher.index.Scanner;
import io.selene.matcher.shards.Shard;
import io.selene.matcher.shards.ShardCalls;
import io.selene.matcher.shards.Shards;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * 1:N matching of references against candidate blocks (LUNA §7.1). A block of origin {@code faces}
 * filtered by {@code list_id} alone is scanned in the list's in-memory gallery ({@link ListGalleries});
 * any other block (more face filters, account-wide faces, events) streams its candidates' descriptors
 * from their owner with the caller's account and scans them with the same {@link Scanner}, so the
 * answer is the same, only slower. Attributes are read one by one from faces-service. Every read
 * carries the caller's account, so another account's objects are never matched or returned.
 */
@Service
public class FaceMatcher {

    /** Where a block's candidates come from, and how a candidate is answered ({@code {"face": {...}}}). */
    enum Origin {
        FACES("face", "face_id", withSimilarity(FaceFields.CATALOGUE.targets())),
        EVENTS("event", "event_id", withSimilarity(EventFields.CATALOGUE.targets())),
        ATTRIBUTES("attribute", "attribute_id", List.of("attribute_id", "similarity", "account_id", "create_time",
                "expiry_time"));

        final String key;
        final String idField;
        final Set<String> targets;

        Origin(String key, String idField, List<String> targets) {
            this.key = key;
            this.idField = idField;
            this.targets = new LinkedHashSet<>(targets);
        }

        /** A candidate's targets: its object's fields and its similarity. */
        private static List<String> withSimilarity(List<String> fields) {
            List<String> targets = new ArrayList<>(fields);
            targets.add(1, "similarity");
            return List.copyOf(targets);
        }
    }

    /** Face filters of a block (FaceFields' candidate filters), checked here as faces-service reads them. */
    private static final FilterSpec FACE_FILTERS = FaceFields.CATALOGUE.declare(FilterSpec.unpaged(), Use.CANDIDATES);
    /** Parameters of the bulk reads the matcher sets itself; never taken from a filter. */
    private static final Set<String> RESERVED = Set.of("version", "after_key", "after_version", "limit", "page",
            "page_size", "order", "targets");

    private final ListGalleries galleries;
    private final AccountGalleries accountGalleries;
    private final FeedPosition feedPosition;
    private final FaceIndexSettings indexSettings;
    private final IndexSynchroniser index;
    private final FacesSource faces;
    private final EventsSource events;
    private final DescriptorStream stream;
    private final Scanner scanner;
    private final LiveSettings<MatcherSettings> settings;
    private final CandidateSettings candidateSettings;
    private final Clock clock;
    private final LicenseCheck licenses;
    private final FarTables farTables;
    private final Shards shards;
    private final ShardCalls calls;

    public FaceMatcher(ListGalleries galleries, AccountGalleries accountGalleries, FeedPosition feedPosition,
            FaceIndexSettings indexSettings, IndexSynchroniser index, FacesSource faces, EventsSource events,
            DescriptorStream stream, Scanner scanner, LiveSettings<MatcherSettings> settings, CandidateSettings candidateSettings,
            Clock clock, LicenseCheck licenses, FarTables farTables, Shards shards, ShardCalls calls) {
        this.shards = shards;
        this.calls = calls;
        this.licenses = licenses;
        this.farTables = farTables;
        this.galleries = galleries;
        this.accountGalleries = accountGalleries;
        this.feedPosition = feedPosition;
        this.indexSettings = indexSettings;
        this.index = index;
        this.faces = faces;
        this.events = events;
        this.stream = stream;
        this.scanner = scanner;
        this.settings = settings;
        this.candidateSettings = candidateSettings;
        this.clock = clock;
    }

    public List<Map<String, Object>> match(FaceMatchRequest request, AccountContext account) {
        return match(request, account, null);
    }

    /**
     * As {@link #match(FaceMatchRequest, AccountContext)} for a caller that may view the details of only the
     * {@code viewable} kinds of objects ({@code face}, {@code event}; null: everything): candidates of other kinds
     * carry their id and similarity only, and asking for more of them is refused (403).
     */
    public List<Map<String, Object>> match(FaceMatchRequest request, AccountContext account, Set<String> viewable) {
        return match(request, account, viewable, true);
    }

    /** As above; {@code readYourWrites} false answers from the index as it is (measuring the wait's cost). */
    public List<Map<String, Object>> match(FaceMatchRequest request, AccountContext account, Set<String> viewable,
            boolean readYourWrites) {
        return match(request, account, viewable, readYourWrites, null);
    }

    /**
     * As above. {@code only}: the indices of the blocks a peer shard asks this instance to answer (it answers
     * those, in that order, and routes nothing on); null: every block, each sent to the shard owning its
     * gallery when galleries are sharded ({@link Shards}).
     */
    public List<Map<String, Object>> match(FaceMatchRequest request, AccountContext account, Set<String> viewable,
            boolean readYourWrites, List<Integer> only) {
        account.requireAccount();
        List<FaceMatchRequest.Reference> references = request.references();
        if (references == null || references.isEmpty()) {
            throw PlatformErrors.BAD_BODY.exception("'references' must hold at least one reference");
        }
        if (references.size() > settings.get().maxReferences()) {
            throw MatcherErrors.TOO_MANY_REFERENCES.exception(references.size(), settings.get().maxReferences());
        }
        List<FaceMatchRequest.CandidateBlock> blocks = request.candidates();
        if (blocks == null || blocks.isEmpty()) {
            throw PlatformErrors.BAD_BODY.exception("'candidates' must hold at least one candidate block");
        }
        if (blocks.size() > candidateSettings.maxBlocks()) {
            throw MatcherErrors.TOO_MANY_BLOCKS.exception(blocks.size(), candidateSettings.maxBlocks());
        }
        List<Block> parsed = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            parsed.add(block(blocks.get(b), "candidates[" + b + "]", account, viewable));
        }
        if (only != null) {
            if (only.isEmpty() || only.stream().anyMatch(b -> b < 0 || b >= parsed.size())
                    || new LinkedHashSet<>(only).size() != only.size()) {
                throw PlatformErrors.BAD_HEADER.exception(ShardCalls.BLOCKS, "distinct block indices of the request");
            }
            return answer(references, answer(parsed, only, references, account, readYourWrites));
        }
        if (shards.enabled()) {
            return answer(references, routed(request, parsed, references, account, viewable, readYourWrites));
        }
        return answer(references, answer(parsed, IntStream.range(0, parsed.size()).boxed().toList(), references,
                account, readYourWrites));
    }

    /** The answer: per reference, its {@code matches} (one per block, in order). */
    private static List<Map<String, Object>> answer(List<FaceMatchRequest.Reference> references,
            List<List<Object>> matchesPerReference) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (int r = 0; r < references.size(); r++) {
            Map<String, Object> reference = new LinkedHashMap<>();
            reference.put("type", references.get(r).type());
            reference.put("id", references.get(r).id());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("reference", reference);
            entry.put("matches", matchesPerReference.get(r));
            result.add(entry);
        }
        return result;
    }

    /**
     * Sharded: each block goes to the shard owning its gallery (a list's, or the account's for a block of
     * every face); streamed and attribute blocks are answered here. Peers answer at once, on virtual threads,
     * each with its own read-your-writes wait. Every block comes from its owner or the request fails: the
     * first failing block's error, an unreachable owner's being 503 15013, never a partial answer.
     */
    private List<List<Object>> routed(FaceMatchRequest request, List<Block> parsed,
            List<FaceMatchRequest.Reference> references, AccountContext account, Set<String> viewable,
            boolean readYourWrites) {
        Map<Shard, List<Integer>> owners = new LinkedHashMap<>();
        for (int b = 0; b < parsed.size(); b++) {
            Block block = parsed.get(b);
            Shard owner = block.galleryList() != null ? shards.ownerOfList(block.galleryList())
                    : block.wholeAccount() ? shards.ownerOfAccount(account.accountId()) : shards.self();
            owners.computeIfAbsent(owner, shard -> new ArrayList<>()).add(b);
        }
        String viewableHeader = viewable == null ? null : String.join(",", viewable);
        String requestId = RequestIds.current();
        Map<Shard, CompletableFuture<JsonNode>> peers = new LinkedHashMap<>();
        owners.forEach((shard, indices) -> {
            if (shard != shards.self()) {
                peers.put(shard, onVirtualThread(() -> calls.match(shard, request, indices, account,
                        viewableHeader, readYourWrites, requestId)));
            }
        });
        List<Object>[] slots = perReference(references.size(), parsed.size());
        int failedAt = Integer.MAX_VALUE;
        RuntimeException failure = null;
        List<Integer> here = owners.get(shards.self());
        if (here != null) {
            try {
                List<List<Object>> local = answer(parsed, here, references, account, readYourWrites);
                for (int r = 0; r < references.size(); r++) {
                    for (int i = 0; i < here.size(); i++) {
                        slots[r].set(here.get(i), local.get(r).get(i));
                    }
                }
            } catch (LunaException e) {
                failedAt = here.getFirst();
                failure = e;
            }
        }
        for (Map.Entry<Shard, CompletableFuture<JsonNode>> peer : peers.entrySet()) {
            List<Integer> indices = owners.get(peer.getKey());
            try {
                JsonNode answer = peer.getValue().join();
                for (int r = 0; r < references.size(); r++) {
                    JsonNode matches = answer.path(r).path("matches");
                    if (!matches.isArray() || matches.size() != indices.size()) {
                        throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("matcher shard " + peer.getKey().name(),
                                "not one match per block asked for");
                    }
                    for (int i = 0; i < indices.size(); i++) {
                        slots[r].set(indices.get(i), matches.get(i));
                    }
                }
            } catch (CompletionException | LunaException e) {
                RuntimeException cause = e instanceof CompletionException && e.getCause() instanceof RuntimeException
                        inner ? inner : e;
                if (indices.getFirst() < failedAt) {
                    failedAt = indices.getFirst();
                    failure = cause;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return List.of(slots);
    }

    @SuppressWarnings("unchecked")
    private static List<Object>[] perReference(int references, int blocks) {
        List<Object>[] slots = new List[references];
        for (int r = 0; r < references; r++) {
            slots[r] = new ArrayList<>(Collections.nCopies(blocks, null));
        }
        return slots;
    }

    private static <T> CompletableFuture<T> onVirtualThread(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().name("match-shard").start(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The {@code matches} of the {@code selected} blocks (in that order), per reference. */
    private List<List<Object>> answer(List<Block> all, List<Integer> selected,
            List<FaceMatchRequest.Reference> references, AccountContext account, boolean readYourWrites) {
        List<Block> parsed = selected.stream().map(all::get).toList();
        // Read your writes: a block answered from memory must reflect every write acknowledged before this
        // request. The feed position is read now, alongside resolving the references and scanning: a scan of
        // an index that had already applied that position (the usual case) is the answer; otherwise the
        // index is waited for and the blocks answered from memory are scanned again.
        long started = System.nanoTime();
        boolean fromMemory = readYourWrites && indexSettings.enabled() && parsed.stream().anyMatch(block ->
                block.galleryList() != null || (block.wholeAccount() && accountGalleries.held(account.accountId())));
        CompletableFuture<Long> position = fromMemory ? positionRead(started) : null;
        float[][] vectors = new float[references.size()][];
        for (int r = 0; r < references.size(); r++) {
            vectors[r] = reference(references.get(r), "references[" + r + "]");
        }
        if (parsed.stream().anyMatch(block -> block.galleryList() != null) && !index.awaitLoaded()) {
            throw MatcherErrors.INDEX_LOADING.exception();
        }
        long appliedBeforeScan = index.lastKey();
        boolean memoryAllowed = position != null || !readYourWrites;
        List<Map<UUID, JsonNode>> details = new ArrayList<>();
        List<Scanned> scanned = new ArrayList<>();
        for (Block block : parsed) {
            details.add(new HashMap<>());
            scanned.add(scan(block, vectors, details.getLast(), account, memoryAllowed));
        }
        if (position != null && awaitIndex(position, started) > appliedBeforeScan) {
            for (int b = 0; b < parsed.size(); b++) {
                if (scanned.get(b).fromMemory()) {
                    scanned.set(b, scan(parsed.get(b), vectors, details.get(b), account, true));
                }
            }
        }

        List<List<Object>> matchesPerReference = new ArrayList<>();
        for (int r = 0; r < references.size(); r++) {
            matchesPerReference.add(new ArrayList<>());
        }
        for (int b = 0; b < parsed.size(); b++) {
            Block block = parsed.get(b);
            Map<UUID, JsonNode> blockDetails = details.get(b);
            Hits[] hits = scanned.get(b).hits();
            blockDetails.putAll(details(block, hits));
            for (int r = 0; r < references.size(); r++) {
                List<Map<String, Object>> candidates = new ArrayList<>();
                for (int i = 0; i < hits[r].size(); i++) {
                    candidates.add(candidate(block, hits[r].ids()[i], hits[r].cosines()[i], blockDetails));
                }
                Map<String, Object> match = new LinkedHashMap<>();
                match.put("filters", block.filters());
                match.put("candidates", candidates);
                matchesPerReference.get(r).add(match);
            }
        }
        return matchesPerReference;
    }

    /**
     * One parsed candidate block.
     *
     * @param galleryList  the list to scan in memory when {@code list_id} is the only filter, else null
     * @param query        the filters as query parameters of the owner's bulk read (streamed blocks)
     * @param attributeIds the {@code attribute_ids} of an attributes block
     */
    private record Block(String path, Map<String, Object> filters, Origin origin, UUID galleryList,
            Map<String, String> query, List<UUID> attributeIds, int limit, double threshold, List<String> targets) {

        /** Every face of the caller's account: its whole-account gallery when that is ready. */
        boolean wholeAccount() {
            return origin == Origin.FACES && query.isEmpty();
        }
    }

    /** The feed position, read on a virtual thread while the request resolves its references. */
    private CompletableFuture<Long> positionRead(long started) {
        long waitMillis = indexSettings.readYourWritesWait().toMillis();
        CompletableFuture<Long> read = new CompletableFuture<>();
        Thread.ofVirtual().name("match-position").start(() -> {
            try {
                read.complete(feedPosition.read(waitMillis - (System.nanoTime() - started) / 1_000_000));
            } catch (RuntimeException e) {
                read.completeExceptionally(e);
            }
        });
        return read;
    }

    /** A block's best candidates, and whether they came from an in-memory gallery. */
    private record Scanned(Hits[] hits, boolean fromMemory) {
    }

    /**
     * Waits until the index has applied the position read at the request's start, else 503 15012;
     * returns that position.
     */
    private long awaitIndex(CompletableFuture<Long> position, long started) {
        long deadline = started + indexSettings.readYourWritesWait().toNanos();
        long key;
        try {
            key = position.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
        if (!index.awaitPosition(key, deadline)) {
            throw MatcherErrors.INDEX_BEHIND.exception("feed position " + key + ", applied " + index.lastKey()
                    + " after " + indexSettings.readYourWritesWait().toMillis() + " ms");
        }
        return key;
    }

    private Block block(FaceMatchRequest.CandidateBlock block, String path, AccountContext account,
            Set<String> viewable) {
        Map<String, Object> filters = block.filters() == null ? Map.of() : block.filters();
        Object originName = filters.get("origin");
        Origin origin = switch (originName instanceof String name ? name : "") {
            case "faces" -> Origin.FACES;
            case "events" -> Origin.EVENTS;
            case "attributes" -> Origin.ATTRIBUTES;
            default -> throw MatcherErrors.FILTER_NOT_SUPPORTED.exception(path + ".filters.origin="
                    + originName + " (faces, events or attributes)");
        };
        Object scope = filters.get("account_id");
        if (scope != null && !String.valueOf(scope).equals(String.valueOf(account.accountId()))) {
            throw PlatformErrors.OTHER_ACCOUNT_FORBIDDEN.exception(scope);
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (Map.Entry<String, Object> filter : filters.entrySet()) {
            String name = filter.getKey();
            if (name.equals("origin") || name.equals("account_id")) {
                continue; // the account is the caller's: every read below carries it
            }
            boolean known = switch (origin) {
                case FACES -> FaceFields.CATALOGUE.accepts(name, Use.CANDIDATES);
                case EVENTS -> !RESERVED.contains(name); // events-service checks names and values itself
                case ATTRIBUTES -> name.equals("attribute_ids");
            };
            if (!known) {
                throw MatcherErrors.FILTER_NOT_SUPPORTED.exception(path + ".filters." + name);
            }
            query.put(name, queryValue(filter.getValue(), path + ".filters." + name));
        }
        UUID galleryList = null;
        List<UUID> attributeIds = List.of();
        switch (origin) {
            case FACES -> {
                Map<String, String[]> parameters = new LinkedHashMap<>();
                query.forEach((name, value) -> parameters.put(name, new String[] {value}));
                try {
                    FACE_FILTERS.parse(parameters, clock);
                } catch (LunaException e) {
                    throw PlatformErrors.BAD_BODY.exception("'" + path + ".filters': " + e.detail());
                }
                if (query.size() == 1 && query.containsKey("list_id")) {
                    galleryList = UUID.fromString(query.get("list_id"));
                }
            }
            case ATTRIBUTES -> attributeIds = attributeIds(query.get("attribute_ids"), path);
            case EVENTS -> {
                // checked by events-service when streamed
            }
        }
        int limit = block.limit() == null ? 3 : block.limit();
        int maxLimit = settings.get().maxLimit();
        if (limit < 1 || limit > maxLimit) {
            throw MatcherErrors.LIMIT_TOO_LARGE.exception(limit, maxLimit);
        }
        double threshold = block.threshold() == null ? 0 : block.threshold();
        if (threshold < 0 || threshold > 1) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".threshold' must be in 0..1");
        }
        if (block.far() != null) { // a FAR preset stands for the similarity where it is reached
            threshold = Math.max(threshold, farTables.threshold(path + ".far", block.far()));
        }
        List<String> targets = block.targets() == null ? List.of(origin.idField, "similarity") : block.targets();
        for (String target : targets) {
            if (!origin.targets.contains(target)) {
                throw MatcherErrors.BAD_TARGET.exception(target, origin.targets);
            }
            if (viewable != null && !viewable.contains(origin.key) && !target.equals(origin.idField)
                    && !target.equals("similarity")) {
                throw MatcherErrors.DETAILS_NOT_VIEWABLE.exception(path + ".targets", target, origin.key,
                        origin.idField);
            }
        }
        return new Block(path, filters, origin, galleryList, query, attributeIds, limit, threshold, targets);
    }

    /** A filter value as a query parameter: a list is comma-joined (so its items may not hold commas). */
    private static String queryValue(Object value, String path) {
        if (value instanceof List<?> items) {
            if (items.isEmpty()) {
                throw PlatformErrors.BAD_BODY.exception("'" + path + "' must not be empty");
            }
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                String part = item instanceof String || item instanceof Number ? item.toString() : null;
                if (part == null || part.isEmpty() || part.contains(",")) {
                    throw PlatformErrors.BAD_BODY.exception("'" + path + "' items must be non-empty strings"
                            + " without commas");
                }
                parts.add(part);
            }
            return String.join(",", parts);
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            String text = value.toString();
            if (text.isEmpty()) {
                throw PlatformErrors.BAD_BODY.exception("'" + path + "' must not be empty");
            }
            return text;
        }
        throw PlatformErrors.BAD_BODY.exception("'" + path + "' must be a string, a number or a list of them");
    }

    private List<UUID> attributeIds(String joined, String path) {
        if (joined == null) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".filters.attribute_ids' is required for origin"
                    + " attributes");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (String id : joined.split(",")) {
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                throw PlatformErrors.BAD_BODY.exception("'" + path + ".filters.attribute_ids' holds '" + id
                        + "', not a UUID");
            }
        }
        if (ids.size() > candidateSettings.maxAttributeIds()) {
            throw MatcherErrors.TOO_MANY_CANDIDATES.exception(ids.size(), candidateSettings.maxAttributeIds());
        }
        return List.copyOf(ids);
    }

    /** The block's best candidates per reference; attributes read on the way are kept in {@code details}. */
    private Scanned scan(Block block, float[][] vectors, Map<UUID, JsonNode> details, AccountContext account,
            boolean memoryAllowed) {
        float minCosine = (float) Similarity.toCosine(block.threshold());
        try {
            if (block.wholeAccount() && indexSettings.enabled()) {
                // not when no position was read: a gallery made ready since the request began is not checked
                Optional<Hits[]> inMemory = memoryAllowed ? accountGalleries.scan(account.accountId(), vectors,
                        block.limit(), minCosine, scanner, !accountGalleries.large(account.accountId())
                                || licenses.terms().allows(Feature.INDEX)) : Optional.empty();
                if (inMemory.isPresent()) {
                    return new Scanned(inMemory.get(), true);
                }
                index.wantAccount(account.accountId()); // streamed this time; later ones from memory
            }
            if (block.galleryList() != null) {
                // the index knows each loaded list's owner; only lists it does not hold (empty, unknown,
                // another account's deleted one) are asked of Faces, whose GET counts the members
                Optional<UUID> owner = galleries.owner(block.galleryList());
                if (owner.isEmpty() || !account.canSee(owner.get())) {
                    faces.requireVisibleList(block.galleryList());
                }
                if (galleries.large(block.galleryList())) {
                    licenses.require(Feature.INDEX); // large galleries: the int8 index
                }
                Hits[] none = new Hits[vectors.length];
                Arrays.fill(none, Hits.NONE);
                return new Scanned(galleries.scan(block.galleryList(), vectors, block.limit(), minCosine, scanner)
                        .orElse(none), true);
            }
            try (StreamedScan scan = new StreamedScan(scanner, vectors, block.limit(), minCosine,
                    candidateSettings.chunkRows())) {
                int version = DescriptorVersion.FACE_FP512.number();
                switch (block.origin()) {
                    case FACES -> stream.read(DescriptorStream.FACES, "/3/faces/descriptors", block.query(), version,
                            candidateSettings.streamPage(), candidateSettings.maxStreamed(), scan::add);
                    case EVENTS -> stream.read(DescriptorStream.EVENTS, "/2/events/descriptors", block.query(),
                            version, candidateSettings.streamPage(), candidateSettings.maxStreamed(), scan::add);
                    case ATTRIBUTES -> {
                        for (UUID id : block.attributeIds()) {
                            faces.attribute(id).ifPresent(attribute -> {
                                details.put(id, attribute);
                                FacesSource.descriptorOf(attribute).ifPresent(values -> scan.add(id, values));
                            });
                        }
                    }
                }
                return new Scanned(scan.finish(), false);
            }
        } catch (LunaException e) {
            throw withPath(e, block.path());
        }
    }

    /** Fields other than the id and similarity, read from the owner with the caller's account. */
    private Map<UUID, JsonNode> details(Block block, Hits[] hits) {
        Set<String> wanted = new LinkedHashSet<>(block.targets());
        wanted.remove("similarity");
        wanted.remove(block.origin().idField);
        if (wanted.isEmpty() || block.origin() == Origin.ATTRIBUTES) {
            return Map.of();
        }
        wanted.add(block.origin().idField);
        Set<UUID> ids = new LinkedHashSet<>();
        for (Hits hit : hits) {
            ids.addAll(List.of(hit.ids()));
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        return block.origin() == Origin.FACES ? faces.faces(ids, wanted) : events.events(ids, wanted);
    }

    private Map<String, Object> candidate(Block block, UUID id, float cosine, Map<UUID, JsonNode> details) {
        Map<String, Object> object = new LinkedHashMap<>();
        JsonNode detail = details.get(id);
        for (String target : block.targets()) {
            if ("similarity".equals(target)) {
                continue;
            }
            if (block.origin().idField.equals(target)) {
                object.put(target, id.toString());
            } else if (detail != null && detail.has(target)) {
                object.put(target, detail.get(target));
            }
        }
        Map<String, Object> candidate = new LinkedHashMap<>();
        candidate.put(block.origin().key, object);
        if (block.targets().contains("similarity")) {
            double similarity = Similarity.fromCosine(Math.min(1f, cosine));
            candidate.put("similarity", similarity);
            candidate.put("far", farTables.far(similarity)); // estimate within the table's range (docs/far.md)
        }
        return candidate;
    }

    private float[] reference(FaceMatchRequest.Reference reference, String path) {
        if (reference == null || reference.type() == null) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".type' is required");
        }
        try {
            float[] values = switch (reference.type()) {
                case "face" -> faces.faceDescriptor(uuid(reference.id(), path), false)
                        .orElseThrow(() -> MatcherErrors.NO_DESCRIPTOR.exception(path, reference.id()));
                case "attribute" -> faces.attributeDescriptor(uuid(reference.id(), path))
                        .orElseThrow(() -> MatcherErrors.NO_DESCRIPTOR.exception(path, reference.id()));
                case "event" -> events.eventDescriptor(uuid(reference.id(), path))
                        .orElseThrow(() -> MatcherErrors.NO_DESCRIPTOR.exception(path, reference.id()));
                case "sdk_descriptor" -> matchable(DescriptorCodec.fromSdkBase64(required(reference.data(), path)));
                case "raw_descriptor" -> matchable(DescriptorCodec.decodeRawBase64(required(reference.data(), path),
                        reference.descriptorVersion() == null ? DescriptorVersion.DEFAULT_FACE.number()
                                : reference.descriptorVersion()));
                default -> throw MatcherErrors.BAD_DESCRIPTOR_ITEM.exception("'" + path
                        + ".type' must be face, attribute, event, sdk_descriptor or raw_descriptor");
            };
            return Vectors.unit(values);
        } catch (IllegalArgumentException e) {
            throw MatcherErrors.BAD_DESCRIPTOR_ITEM.exception(path + ": " + e.getMessage());
        } catch (LunaException e) {
            throw withPath(e, path);
        }
    }

    /**
     * The values of a reference descriptor given by the caller, when it can be matched: faces, events and
     * lists are matched by their version-201 descriptors (the galleries hold those), so a descriptor of
     * another version is refused (12054) rather than compared with descriptors of another model.
     */
    private static float[] matchable(DescriptorCodec.Descriptor descriptor) {
        if (descriptor.version() != DescriptorVersion.FACE_FP512) {
            throw DescriptorErrors.VERSION_MISMATCH.exception(descriptor.version().number(),
                    DescriptorVersion.FACE_FP512.number());
        }
        return descriptor.values();
    }

    /** A client error of an owner, with the request's path in front so the caller sees which item. */
    private static LunaException withPath(LunaException e, String path) {
        if (e.status().is4xxClientError() && !e.detail().startsWith(path)) {
            return new LunaException(e.status(), e.errorCode(), e.desc(), path + ": " + e.detail());
        }
        return e;
    }

    private static UUID uuid(String id, String path) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".id' must be a UUID");
        }
    }

    private static String required(String data, String path) {
        if (data == null || data.isEmpty()) {
            throw PlatformErrors.BAD_BODY.exception("'" + path + ".data' is required");
        }
        return data;
    }
}

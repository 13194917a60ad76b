package io.selene.imagestore.listing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.imagestore.Kind;
import io.selene.imagestore.Queries;
import io.selene.imagestore.buckets.BucketService;
import io.selene.imagestore.items.ItemService;
import io.selene.imagestore.storage.BlobStore;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /1/buckets/{bucket}/images?prefix=&after=&limit=}: the ids of the images in a bucket that the
 * caller may read, in id order, whose id starts with {@code prefix}, after the id {@code after}; at most
 * {@code limit} (1..1000, default 100) per page, {@code next} to ask for the following page. For
 * tasks-service's estimator ("an Image Store bucket prefix"; not public). Another account's images are
 * never listed; each listed key costs a metadata read (a HeadObject on S3).
 */
@RestController
public class ImageListingController {

    static final int MAX_LIMIT = 1000;

    private final BlobStore store;
    private final BucketService buckets;
    private final ItemService items;

    public ImageListingController(BlobStore store, BucketService buckets, ItemService items) {
        this.store = store;
        this.buckets = buckets;
        this.items = items;
    }

    @GetMapping("/1/buckets/{bucket}/images")
    public Map<String, Object> list(AccountContext account, @PathVariable String bucket, HttpServletRequest request) {
        MultiValueMap<String, String> query = Queries.allowOnly(request, Set.of("prefix", "after", "limit"));
        buckets.require(bucket);
        String prefix = query.getFirst("prefix") == null ? "" : query.getFirst("prefix");
        String after = query.getFirst("after");
        int limit = limit(query.getFirst("limit"));
        if (!prefix.matches("[A-Za-z0-9_-]{0,128}") || (after != null && !after.matches("[A-Za-z0-9_-]{1,128}"))) {
            throw PlatformErrors.BAD_QUERY.exception("'prefix' and 'after' are (parts of) image ids: A-Z a-z 0-9 _ -");
        }
        String folder = Kind.IMAGE.folder();
        // Keys are listed strictly after 'start': begin just before the first id the prefix allows.
        String start = after != null && after.compareTo(prefix) >= 0 ? folder + "/" + after
                : prefix.isEmpty() ? null : folder + "/" + prefix.substring(0, prefix.length() - 1);
        List<String> ids = new ArrayList<>();
        boolean more = true;
        while (ids.size() < limit && more) {
            List<String> keys = store.list(bucket, folder, start, Math.max(limit, 100));
            more = keys.size() == Math.max(limit, 100);
            for (String key : keys) {
                start = key;
                String id = key.substring(folder.length() + 1);
                if (!id.startsWith(prefix)) {
                    if (id.compareTo(prefix) > 0) {
                        more = false;
                        break;
                    }
                    continue;
                }
                try {
                    items.head(bucket, Kind.IMAGE, id, account);
                } catch (LunaException notVisible) {
                    continue; // another account's, expired, or gone meanwhile
                }
                ids.add(id);
                if (ids.size() == limit) {
                    break;
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("images", ids);
        answer.put("next", ids.size() == limit ? ids.getLast() : null);
        return answer;
    }

    private static int limit(String raw) {
        if (raw == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw PlatformErrors.BAD_QUERY.exception("Bad value '" + raw + "' of parameter 'limit': must be in 1.."
                + MAX_LIMIT);
    }
}

package io.selene.imagestore.erasure;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.selene.imagestore.Kind;
import io.selene.imagestore.items.ItemService;
import io.selene.imagestore.storage.BlobMeta;
import io.selene.imagestore.storage.BlobStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /1/accounts/{account_id}/data} (internal: tasks-service's account erasure): every image and
 * object of the account in every bucket (samples, source images, objects, task results). Each key's metadata
 * says its owner, so the whole store is walked: an erasure is rare, and nothing else knows where an account's
 * blobs are.
 */
@RestController
@Tag(name = "erasure")
public class AccountErasureController {

    private static final int PAGE = 1000;
    /** Images, objects, and the expiry markers of those stored with a TTL (each names its owner too). */
    private static final List<String> FOLDERS = Stream.concat(Stream.of(Kind.values()).map(Kind::folder),
            Stream.of(ItemService.EXPIRY_FOLDER)).toList();

    private final BlobStore store;

    public AccountErasureController(BlobStore store) {
        this.store = store;
    }

    @DeleteMapping("/1/accounts/{account_id}/data")
    @Operation(summary = "Erase every image and object of an account (internal, for the account erasure task): "
            + "{\"deleted\": blobs}")
    public Map<String, Object> erase(@PathVariable("account_id") UUID account) {
        long deleted = 0;
        for (String bucket : store.listBuckets()) {
            for (String folder : FOLDERS) {
                String after = null;
                List<String> keys;
                do {
                    keys = store.list(bucket, folder, after, PAGE);
                    for (String key : keys) {
                        Optional<BlobMeta> meta = store.head(bucket, key);
                        if (meta.isPresent() && account.equals(meta.get().accountId()) && store.delete(bucket, key)) {
                            deleted++;
                        }
                    }
                    after = keys.isEmpty() ? after : keys.getLast();
                } while (keys.size() == PAGE);
            }
        }
        return Map.of("deleted", deleted);
    }
}

package io.selene.imagestore.items;

import io.selene.imagestore.Kind;
import io.selene.imagestore.storage.StorageSettings;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Images (samples, source images): JPEG, PNG, BMP, TIFF, PPM, WebP. */
@RestController
@RequestMapping("/1/buckets/{bucket}/images")
@Tag(name = "images")
class ImageController extends ItemEndpoints {

    ImageController(ItemService items, StorageSettings properties, JsonMapper json) {
        super(items, properties, json, Kind.IMAGE);
    }
}

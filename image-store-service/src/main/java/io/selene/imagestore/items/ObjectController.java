package io.selene.imagestore.items;

import io.selene.imagestore.Kind;
import io.selene.imagestore.storage.StorageSettings;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Objects (task results, reports): JSON, text, CSV, zip, PDF, PNG, JPEG. */
@RestController
@RequestMapping("/1/buckets/{bucket}/objects")
@Tag(name = "objects")
class ObjectController extends ItemEndpoints {

    ObjectController(ItemService items, StorageSettings properties, JsonMapper json) {
        super(items, properties, json, Kind.OBJECT);
    }
}

package io.selene.faces.faces;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.fields.FaceFields;
import io.selene.commons.fields.Field;
import io.selene.commons.ids.Ids;

/**
 * A face record without its descriptors.
 *
 * @param values the value of each given {@code FaceFields} field (user_data, external_id, avatar, event_id)
 */
public record Face(UUID faceId, UUID accountId, OffsetDateTime createTime, Map<Field, Object> values,
        List<UUID> lists) {

    /** The face as LUNA answers it, with the requested fields ({@code targets}) in catalogue order. */
    public Map<String, Object> view(Collection<String> targets) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (Field field : FaceFields.CATALOGUE.fields()) {
            if (!field.answered() || !targets.contains(field.name())) {
                continue;
            }
            Object value = switch (field.name()) {
                case "face_id" -> faceId.toString();
                case "account_id" -> accountId.toString();
                case "create_time" -> Ids.format(createTime);
                case "lists" -> lists.stream().map(UUID::toString).toList();
                default -> values.get(field);
            };
            view.put(field.name(), value instanceof UUID uuid ? uuid.toString() : value);
        }
        return view;
    }
}

package io.selene.commons.fields;

import static io.selene.commons.fields.FieldFilter.Match.ANY_OF;
import static io.selene.commons.fields.FieldFilter.Match.CONTAINS;
import static io.selene.commons.fields.FieldFilter.Match.EQUALS;
import static io.selene.commons.fields.FieldFilter.Match.RANGE;
import static io.selene.commons.fields.FieldFilter.Use.CANDIDATES;
import static io.selene.commons.fields.FieldFilter.Use.SEARCH;

import java.util.List;

/**
 * The fields of a face (luna-api.md §4) as faces-service stores, answers and filters them, and as the
 * matcher narrows face candidates with them ({@link FieldFilter.Use#CANDIDATES}: the filters the
 * matcher passes on to faces-service's bulk descriptor read). A field the caller gives is created,
 * patched, stored, answered and filtered from its entry alone: adding one is an entry here and a
 * column in faces-service's migrations.
 */
public final class FaceFields {

    public static final Catalogue CATALOGUE = new Catalogue(List.of(
            Field.uuid("face_id").record().filter(ANY_OF, "face_ids", SEARCH, CANDIDATES)
                    .filter(RANGE, "face_id", SEARCH),
            Field.uuid("account_id").record().ownFilter(EQUALS, "account_id", SEARCH),
            Field.uuid("event_id").filter(ANY_OF, "event_ids", SEARCH, CANDIDATES),
            // substring filter, as LUNA's; stored as "" when not given
            Field.text("user_data", 128).absent("").filter(CONTAINS, "user_data", SEARCH, CANDIDATES),
            Field.text("external_id", 36).absent("").filter(ANY_OF, "external_ids", SEARCH, CANDIDATES),
            Field.text("avatar", 256).absent(""),
            Field.timestamp("create_time").record().filter(RANGE, "create_time", SEARCH, CANDIDATES),
            // the ids of the lists a face is linked to: list_id is answered by a membership sub-select
            Field.uuid("lists").part().ownFilter(EQUALS, "list_id", SEARCH, CANDIDATES)),
            null);

    private FaceFields() {
    }

    public static Field field(String name) {
        return CATALOGUE.require(name);
    }
}

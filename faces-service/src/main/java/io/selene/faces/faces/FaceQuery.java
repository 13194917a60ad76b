package io.selene.faces.faces;

import java.util.Optional;
import java.util.UUID;

import io.selene.commons.fields.FaceFields;
import io.selene.commons.fields.FieldFilter.Use;
import io.selene.commons.fields.SqlConditions;
import io.selene.commons.query.Filters;
import io.selene.commons.sql.Where;

/**
 * The {@link FaceFields} filters of a face read, already scoped ({@code account} empty = every account):
 * {@link Use#SEARCH} for search and counts (with {@code list_id} as a membership), {@link Use#CANDIDATES}
 * for the bulk descriptor read (which reads a list or an account itself).
 */
public record FaceQuery(Optional<UUID> account, Filters filters, Use use, boolean withAttributesOnly) {

    private static final SqlConditions SQL = new SqlConditions(FaceFields.CATALOGUE, "f", true);

    /** The condition on {@code face f}. */
    public Where where() {
        Where where = Where.all();
        account.ifPresent(a -> where.equal("f.account_id", a));
        SQL.add(where, use, filters);
        if (use == Use.SEARCH) {
            filters.<UUID>value("list_id").ifPresent(list -> where.condition(
                    "EXISTS (SELECT 1 FROM list_face lf WHERE lf.list_id = ? AND lf.face_id = f.face_id)", list));
        }
        if (withAttributesOnly) {
            where.condition("f.attributes_time IS NOT NULL");
        }
        return where;
    }

    /** Whether a face filter (not the scope) narrows the read. */
    public boolean filtered() {
        return !new FaceQuery(Optional.empty(), filters, use, false).where().isEmpty();
    }
}

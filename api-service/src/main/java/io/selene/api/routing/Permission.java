package io.selene.api.routing;

/**
 * What a token must grant for a route: an object ({@code face}, {@code list}, {@code attribute},
 * {@code handler}, {@code verifier}, {@code event}, {@code sample}, {@code image}, {@code object},
 * {@code task}, {@code matching}, {@code account}) and an action ({@code creation}, {@code view},
 * {@code modification}, {@code deletion}, {@code matching}).
 */
public record Permission(String object, String action) {

    public static Permission of(String object, String action) {
        return new Permission(object, action);
    }
}

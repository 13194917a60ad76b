package io.selene.matcher;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/** Matcher errors, Selene codes 15000..15099. */
public final class MatcherErrors implements ErrorCatalogue {

    public static final LunaError TOO_MANY_REFERENCES = new LunaError(15001, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Too many references: {} (at most {})");
    public static final LunaError TOO_MANY_CANDIDATES = new LunaError(15002, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Too many candidates: {} (at most {})");
    public static final LunaError LIMIT_TOO_LARGE = new LunaError(15003, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "limit {} is outside 1..{}");
    public static final LunaError BAD_DESCRIPTOR_ITEM = new LunaError(15004, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "{}");

    public static final LunaError INDEX_LOADING = new LunaError(15005, HttpStatus.SERVICE_UNAVAILABLE,
            "Service unavailable", "The matcher's face index is still loading; retry shortly");
    public static final LunaError FILTER_NOT_SUPPORTED = new LunaError(15006, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Candidate filter not supported by this matcher: {}");
    public static final LunaError BAD_TARGET = new LunaError(15007, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Unknown target '{}'; known: {}");
    public static final LunaError NO_DESCRIPTOR = new LunaError(15008, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "{}: {} has no descriptor of the matching version");
    public static final LunaError TOO_MANY_STREAMED = new LunaError(15009, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "The filters select more than {} candidate descriptors; narrow them or"
                    + " match against a list");
    public static final LunaError DETAILS_NOT_VIEWABLE = new LunaError(15011, HttpStatus.FORBIDDEN, "Forbidden",
            "Bad field '{}': '{}' needs the 'view' permission on '{}'; without it candidates carry {} and similarity only");
    public static final LunaError INDEX_BEHIND = new LunaError(15012, HttpStatus.SERVICE_UNAVAILABLE,
            "Service unavailable", "The matcher's face index did not catch up with the writes acknowledged before"
                    + " this request ({}); retry shortly");
    public static final LunaError SHARD_UNAVAILABLE = new LunaError(15013, HttpStatus.SERVICE_UNAVAILABLE,
            "Service unavailable", "Matcher shard '{}', which holds the galleries of candidates {}, is unavailable;"
                    + " retry when it is back");
    public static final LunaError TOO_MANY_BLOCKS = new LunaError(15010, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Too many candidate blocks: {} (at most {})");

    @Override
    public List<LunaError> errors() {
        return List.of(TOO_MANY_REFERENCES, TOO_MANY_CANDIDATES, LIMIT_TOO_LARGE, BAD_DESCRIPTOR_ITEM, INDEX_LOADING,
                FILTER_NOT_SUPPORTED, BAD_TARGET, NO_DESCRIPTOR, TOO_MANY_STREAMED, TOO_MANY_BLOCKS,
                DETAILS_NOT_VIEWABLE, INDEX_BEHIND, SHARD_UNAVAILABLE);
    }
}

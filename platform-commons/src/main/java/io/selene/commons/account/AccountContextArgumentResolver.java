package io.selene.commons.account;

import java.util.UUID;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.error.PlatformErrors;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets controllers declare an {@link AccountContext} parameter, read from the gateway's headers. */
public class AccountContextArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return AccountContext.class.equals(parameter.getParameterType());
    }

    @Override
    public AccountContext resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return fromHeaders(request.getHeader(PlatformHeaders.ACCOUNT_ID), request.getHeader(PlatformHeaders.VISIBILITY));
    }

    static AccountContext fromHeaders(String accountHeader, String visibilityHeader) {
        UUID account = null;
        if (accountHeader != null && !accountHeader.isBlank()) {
            try {
                account = UUID.fromString(accountHeader.trim());
            } catch (IllegalArgumentException e) {
                throw PlatformErrors.BAD_QUERY.exception("Bad " + PlatformHeaders.ACCOUNT_ID + " header");
            }
        }
        return new AccountContext(account, Visibility.parse(visibilityHeader));
    }
}

package io.selene.accounts.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.selene.accounts.AccountsErrors;
import io.selene.accounts.AccountsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signs and checks token JWTs (HS256). The key is {@code SELENE_TOKEN_SIGNING_KEY} when set (at least
 * 32 bytes), otherwise a random key generated on first start and kept in {@code accounts.signing_keys},
 * shared by every accounts-service instance. A valid signature alone is not enough: the caller also
 * checks the token id against the store (revocation, expiry).
 */
@Component
public class TokenSigner {

    static final String ISSUER = "selene-accounts";
    private static final Logger log = LoggerFactory.getLogger(TokenSigner.class);

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    public TokenSigner(AccountsSettings settings, JdbcClient jdbc, Clock clock) throws JOSEException {
        byte[] key = key(settings.tokenSigningKey(), jdbc, clock);
        this.signer = new MACSigner(key);
        this.verifier = new MACVerifier(key);
        this.clock = clock;
    }

    private static byte[] key(String configured, JdbcClient jdbc, Clock clock) {
        if (configured != null && !configured.isBlank()) {
            byte[] key = configured.getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalStateException("SELENE_TOKEN_SIGNING_KEY must be at least 32 bytes long (HS256)");
            }
            return key;
        }
        byte[] generated = new byte[32];
        new SecureRandom().nextBytes(generated);
        // Two instances starting together: the first insert wins and both read it back.
        int inserted = jdbc.sql("INSERT INTO signing_keys (key_id, secret, create_time) VALUES (1, ?, ?) "
                        + "ON CONFLICT (key_id) DO NOTHING")
                .params(generated, OffsetDateTime.now(clock)).update();
        if (inserted == 1) {
            log.info("Generated the token signing key (kept in schema accounts; set SELENE_TOKEN_SIGNING_KEY to "
                    + "choose one)");
        }
        return jdbc.sql("SELECT secret FROM signing_keys WHERE key_id = 1").query(byte[].class).single();
    }

    public String sign(Token token) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(token.tokenId().toString())
                .subject(token.accountId().toString())
                .issuer(ISSUER)
                .issueTime(Date.from(clock.instant()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** Ids named by a well-signed JWT of ours; anything else is a 401. */
    public record Claims(UUID tokenId, UUID accountId) {
    }

    public Claims verify(String serialized) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(serialized);
        } catch (ParseException e) {
            throw AccountsErrors.TOKEN_INVALID.exception("not a JWT");
        }
        try {
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw AccountsErrors.TOKEN_INVALID.exception("bad signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer())) {
                throw AccountsErrors.TOKEN_INVALID.exception("unknown issuer");
            }
            return new Claims(uuid(claims.getJWTID()), uuid(claims.getSubject()));
        } catch (JOSEException | ParseException e) {
            throw AccountsErrors.TOKEN_INVALID.exception("unreadable claims");
        }
    }

    private static UUID uuid(String value) {
        return Optional.ofNullable(value).map(v -> {
            try {
                return UUID.fromString(v);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).orElseThrow(() -> AccountsErrors.TOKEN_INVALID.exception("missing claims"));
    }
}

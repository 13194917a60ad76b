package io.selene.accounts.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import io.selene.accounts.AccountsSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * BCrypt of the password. BCrypt reads at most 72 bytes and LUNA allows 128-character passwords,
 * so the password is first reduced to base64(SHA-256) (44 ASCII bytes, no NUL): every character
 * counts and the slow, salted BCrypt step is unchanged.
 */
@Component
public class PasswordHasher {

    private final BCryptPasswordEncoder encoder;
    /** Hash of a random password, checked when a login is unknown so both answers take as long. */
    private final String decoy;

    public PasswordHasher(AccountsSettings settings) {
        this.encoder = new BCryptPasswordEncoder(settings.bcryptStrength());
        this.decoy = encoder.encode(prehash(java.util.UUID.randomUUID().toString()));
    }

    public String hash(String password) {
        return encoder.encode(prehash(password));
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(prehash(password), hash);
    }

    /** Spends the same time as {@link #matches} for a login that does not exist. */
    public void burn(String password) {
        encoder.matches(prehash(password), decoy);
    }

    private static String prehash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.selene.licenses.license;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/** The configured licence public key (PEM or base64 DER, inline or in a file); a bad key stops start-up. */
final class PublicKeys {

    private PublicKeys() {
    }

    static Optional<PublicKey> from(LicensesSettings settings) {
        String text = settings.publicKey();
        String source = "selene.licenses.public-key (SELENE_LICENSE_PUBLIC_KEY)";
        if ((text == null || text.isBlank()) && settings.publicKeyFile() != null
                && !settings.publicKeyFile().toString().isBlank()) {
            source = settings.publicKeyFile().toString();
            try {
                text = Files.readString(settings.publicKeyFile());
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the license public key file " + source + ": " + e, e);
            }
        }
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(text, source));
    }

    static PublicKey parse(String text, String source) {
        String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("The license public key in " + source + " is not an Ed25519 public key "
                    + "(PEM or base64 DER, as bin/license keygen writes it): " + e.getMessage(), e);
        }
    }
}

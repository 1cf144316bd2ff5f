package io.posbridge.ops;

import java.security.MessageDigest;

/** Comparisons of secrets that take the same time whatever the input. */
public final class Secrets {

    private Secrets() {
    }

    /** Compares digests, so neither the content nor the length of the expected secret leaks through timing. */
    public static boolean equal(String given, String expected) {
        return expected(expected).matches(given);
    }

    /** A secret to check callers against on every request: its digest is taken once, here. */
    public static Expected expected(String secret) {
        return new Expected(secret == null ? null : Sha256.of(secret));
    }

    /** An expected secret, kept as its digest; {@link #matches} hashes only what was given. */
    public static final class Expected {

        private final byte[] digest;

        private Expected(byte[] digest) {
            this.digest = digest;
        }

        public boolean matches(String given) {
            return given != null && digest != null && MessageDigest.isEqual(Sha256.of(given), digest);
        }

        /** Never the secret, nor its digest. */
        @Override
        public String toString() {
            return "(secret)";
        }
    }
}

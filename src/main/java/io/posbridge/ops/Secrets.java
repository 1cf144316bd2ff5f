package io.posbridge.ops;

import java.security.MessageDigest;

/** Comparisons of secrets that take the same time whatever the input. */
public final class Secrets {

    private Secrets() {
    }

    /** Compares digests, so neither the content nor the length of the expected secret leaks through timing. */
    public static boolean equal(String given, String expected) {
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(Sha256.of(given), Sha256.of(expected));
    }
}

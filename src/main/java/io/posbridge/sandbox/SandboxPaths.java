package io.posbridge.sandbox;

/** Where the simulator answers: the sandbox profile's posbridge.tokenx.*-url point at {@link #BASE}. */
final class SandboxPaths {

    static final String BASE = "/sandbox/tokenx";
    /** TokenX's API, version 1. */
    static final String API = BASE + "/v1";
    static final String FAULTS = BASE + "/faults";

    private SandboxPaths() {
    }
}

package io.posbridge.sandbox;

/** Where the simulator sends webhooks, as the client registered with POST /v1/client-settings. */
public class SandboxClientSettings {

    public record Registered(String callbackUrl, String callbackAuthHeader) {
    }

    private volatile Registered registered = new Registered(null, null);

    public Registered current() {
        return registered;
    }

    public void register(String callbackUrl, String callbackAuthHeader) {
        registered = new Registered(callbackUrl, callbackAuthHeader);
    }
}

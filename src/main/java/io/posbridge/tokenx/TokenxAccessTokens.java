package io.posbridge.tokenx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Holds TokenX's access token. It is fetched on first use and again {@code refreshMargin} before it ends; one
 * fetch runs at a time however many calls wait, and all waiters share its outcome, failure included, so an expired
 * token under load costs one auth call, not one per caller. While a proactive refresh runs, calls keep using the
 * old token as long as it has not ended.
 */
public class TokenxAccessTokens {

    /** What TokenX's auth endpoint issued: the bearer value and its lifetime in seconds. */
    public record IssuedToken(String value, long expiresInSeconds) {
        @Override
        public String toString() {
            return "IssuedToken[value=*****, expiresInSeconds=" + expiresInSeconds + "]";
        }
    }

    /** A token in use; {@code generation} names it so a 401 can drop exactly the token that was refused. */
    public record AccessToken(String value, Instant refreshAt, Instant expiresAt, long generation) {
        @Override
        public String toString() {
            return "AccessToken[value=*****, refreshAt=" + refreshAt + ", expiresAt=" + expiresAt
                    + ", generation=" + generation + "]";
        }
    }

    private final Supplier<IssuedToken> issuer;
    private final Clock clock;
    private final Duration refreshMargin;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong generations = new AtomicLong();
    private volatile AccessToken token;
    private CompletableFuture<AccessToken> inFlight;

    public TokenxAccessTokens(Supplier<IssuedToken> issuer, Clock clock, Duration refreshMargin) {
        this.issuer = issuer;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
    }

    /** A token to send now: the cached one while it is fresh, else the outcome of the (single) refresh. */
    public AccessToken current() {
        AccessToken cached = token;
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.refreshAt())) {
            return cached;
        }
        CompletableFuture<AccessToken> refresh;
        boolean mine = false;
        lock.lock();
        try {
            cached = token;
            if (cached != null && now.isBefore(cached.refreshAt())) {
                return cached;
            }
            if (inFlight != null && cached != null && now.isBefore(cached.expiresAt())) {
                return cached;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                mine = true;
            }
            refresh = inFlight;
        } finally {
            lock.unlock();
        }
        if (mine) {
            fetchInto(refresh);
        }
        try {
            return refresh.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Drops the token TokenX refused, unless a newer one has replaced it already. */
    public void discard(long generation) {
        lock.lock();
        try {
            if (token != null && token.generation() == generation) {
                token = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void fetchInto(CompletableFuture<AccessToken> refresh) {
        Instant requestedAt = clock.instant();
        try {
            IssuedToken issued = issuer.get();
            Duration lifetime = Duration.ofSeconds(Math.max(0, issued.expiresInSeconds()));
            // A margin as long as the lifetime would refresh on every call; never spend more than half of it.
            Duration margin = refreshMargin.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : refreshMargin;
            Instant expiresAt = requestedAt.plus(lifetime);
            AccessToken fresh = new AccessToken(issued.value(), expiresAt.minus(margin), expiresAt,
                    generations.incrementAndGet());
            lock.lock();
            try {
                token = fresh;
                inFlight = null;
            } finally {
                lock.unlock();
            }
            refresh.complete(fresh);
        } catch (RuntimeException e) {
            lock.lock();
            try {
                inFlight = null;
            } finally {
                lock.unlock();
            }
            refresh.completeExceptionally(e);
        }
    }
}

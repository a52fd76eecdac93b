package com.oncepay.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A claimed job. {@code attempt} counts this run: 1 on the first. */
public record Job(long id, JobKind kind, UUID ref, int attempt, OffsetDateTime createdAt) {}

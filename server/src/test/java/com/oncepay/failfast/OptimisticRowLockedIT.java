package com.oncepay.failfast;

import org.springframework.test.context.TestPropertySource;

/** Fail-fast answers under the {@code optimistic} strategy. */
@TestPropertySource(properties = "oncepay.concurrency-strategy=optimistic")
class OptimisticRowLockedIT extends RowLockedElsewhere {}

package com.oncepay.failfast;

import org.springframework.test.context.TestPropertySource;

/** Fail-fast answers under the {@code conditional} strategy. */
@TestPropertySource(properties = "oncepay.concurrency-strategy=conditional")
class ConditionalRowLockedIT extends RowLockedElsewhere {}

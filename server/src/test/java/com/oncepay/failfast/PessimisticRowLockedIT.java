package com.oncepay.failfast;

import org.springframework.test.context.TestPropertySource;

/** Fail-fast answers under the {@code pessimistic} strategy. */
@TestPropertySource(properties = "oncepay.concurrency-strategy=pessimistic")
class PessimisticRowLockedIT extends RowLockedElsewhere {}

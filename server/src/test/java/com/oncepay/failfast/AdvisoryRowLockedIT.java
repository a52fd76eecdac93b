package com.oncepay.failfast;

import org.springframework.test.context.TestPropertySource;

/** Fail-fast answers under the {@code advisory} strategy. */
@TestPropertySource(properties = "oncepay.concurrency-strategy=advisory")
class AdvisoryRowLockedIT extends RowLockedElsewhere {}

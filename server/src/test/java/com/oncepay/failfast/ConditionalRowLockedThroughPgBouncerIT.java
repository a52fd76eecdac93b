package com.oncepay.failfast;

import com.oncepay.testsupport.ApiTestBase;
import org.springframework.test.context.TestPropertySource;

/** Fail-fast answers under the {@code conditional} strategy, through PgBouncer. */
@TestPropertySource(
    properties = {
      "oncepay.concurrency-strategy=conditional",
      ApiTestBase.DB_THROUGH_PGBOUNCER,
      ApiTestBase.LISTEN_DIRECT
    })
class ConditionalRowLockedThroughPgBouncerIT extends RowLockedElsewhere {}

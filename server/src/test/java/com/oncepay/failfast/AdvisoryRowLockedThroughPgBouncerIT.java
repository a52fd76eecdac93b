package com.oncepay.failfast;

import com.oncepay.testsupport.ApiTestBase;
import org.springframework.test.context.TestPropertySource;

/** Fail-fast answers under the {@code advisory} strategy, through PgBouncer. */
@TestPropertySource(
    properties = {
      "oncepay.concurrency-strategy=advisory",
      ApiTestBase.DB_THROUGH_PGBOUNCER,
      ApiTestBase.LISTEN_DIRECT
    })
class AdvisoryRowLockedThroughPgBouncerIT extends RowLockedElsewhere {}

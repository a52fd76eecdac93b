package com.oncepay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.TestPostgres;
import java.time.Clock;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database from before keys had their own table: every merchant's key moves into api_keys
 * unchanged and keeps authenticating; the bootstrap's merchant ('default') keeps its key as the
 * bootstrap key, so a changed ONCEPAY_BOOTSTRAP_API_KEY replaces it rather than adding a merchant.
 */
class ApiKeyMigrationIT {

  @Test
  void existingKeysKeepWorkingAfterTheMigration() {
    String url = TestPostgres.createDatabase();
    Flyway.configure()
        .dataSource(url, TestPostgres.user(), null)
        .locations("classpath:db/migration")
        .target("6")
        .load()
        .migrate();
    JdbcClient jdbc =
        JdbcClient.create(new DriverManagerDataSource(url, TestPostgres.user(), null));
    UUID shop = UUID.randomUUID();
    UUID bootstrap = UUID.randomUUID();
    for (var row :
        new Object[][] {
          {shop, "shop", "sk_test_old_shop"}, {bootstrap, "default", "sk_test_old_default"}
        }) {
      jdbc.sql(
              "INSERT INTO merchants (id, name, api_key_hash, created_at) VALUES (:id, :name,"
                  + " :hash, now())")
          .param("id", row[0])
          .param("name", row[1])
          .param("hash", ApiKeys.hash((String) row[2]))
          .update();
    }

    Flyway.configure()
        .dataSource(url, TestPostgres.user(), null)
        .locations("classpath:db/migration")
        .load()
        .migrate();

    MerchantRepository merchants = new MerchantRepository(jdbc, Clock.systemUTC());
    assertThat(merchants.findByApiKey("sk_test_old_shop")).contains(new MerchantId(shop));
    assertThat(merchants.findByApiKey("sk_test_old_default")).contains(new MerchantId(bootstrap));
    assertThat(merchants.bootstrapMerchant()).contains(new MerchantId(bootstrap));
    assertThat(merchants.keys(new MerchantId(shop)))
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.prefix()).isNull();
              assertThat(k.origin()).isEqualTo(ApiKey.Origin.OPERATOR);
            });
  }
}

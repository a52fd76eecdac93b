package com.oncepay.merchant;

import com.oncepay.audit.Actor;
import com.oncepay.audit.AuditLog;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** A new merchant, with no key yet (issue one with {@link IssueApiKey}); audited. */
@Service
public class CreateMerchant {

  private final MerchantRepository merchants;
  private final AuditLog audit;
  private final TransactionTemplate tx;

  CreateMerchant(MerchantRepository merchants, AuditLog audit, TransactionTemplate tx) {
    this.merchants = merchants;
    this.audit = audit;
    this.tx = tx;
  }

  public Merchant create(Actor actor, String name) {
    return tx.execute(
        status -> {
          MerchantId id = merchants.createMerchant(name);
          audit.record(
              actor,
              "merchant.created",
              "merchant",
              id.value().toString(),
              id.value(),
              Map.of("name", name));
          return merchants.findMerchant(id).orElseThrow();
        });
  }
}

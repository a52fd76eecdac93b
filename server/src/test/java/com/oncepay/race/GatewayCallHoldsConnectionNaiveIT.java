package com.oncepay.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.admission.Admission;
import com.oncepay.config.OncepayProperties;
import com.oncepay.gateway.PaymentGateway;
import com.oncepay.payment.application.ExecuteOperation;
import com.oncepay.payment.application.FinalizeOperation;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.Payment;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The same load against an executor that keeps a transaction open around the gateway call: proof
 * that {@link GatewayCallHoldsNoConnection} bites.
 */
@Import(GatewayCallHoldsConnectionNaiveIT.Naive.class)
class GatewayCallHoldsConnectionNaiveIT extends GatewayCallHoldsNoConnection {

  @Test
  void transactionAroundTheGatewayCallIsCaught() {
    var found = payAllAtOnce();
    System.out.println(getClass().getSimpleName() + " caught: " + found);
    assertThat(found).isNotEmpty();
  }

  @TestConfiguration
  static class Naive {
    @Bean
    @Primary
    ExecuteOperation naiveExecutor(
        PaymentGateway gateway,
        Admission admission,
        FinalizeOperation finalize,
        TransactionTemplate tx,
        Clock clock,
        MeterRegistry meters,
        JdbcClient jdbc,
        OncepayProperties properties) {
      return new ExecuteOperation(gateway, admission, finalize, meters, properties) {
        @Override
        public Execution execute(OperationId id) {
          return tx.execute(
              status -> {
                // The first statement pins a pooled connection to this transaction.
                jdbc.sql("SELECT 1").query(Integer.class).single();
                return super.execute(id);
              });
        }

        // The request's own run (the rows its claim wrote), held the same naive way.
        @Override
        public Execution executeClaimed(Operation operation, Payment payment) {
          return tx.execute(
              status -> {
                jdbc.sql("SELECT 1").query(Integer.class).single();
                return super.executeClaimed(operation, payment);
              });
        }
      };
    }
  }
}

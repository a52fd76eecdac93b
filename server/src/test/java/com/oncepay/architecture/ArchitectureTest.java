package com.oncepay.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Boundaries the compiler cannot see, kept by a test. */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.oncepay");

  /** The domain model: states, transitions, ids, money, errors, gateway results. */
  private static final String[] MODEL = {
    "com.oncepay.money..",
    "com.oncepay.statemachine..",
    "com.oncepay.error..",
    "com.oncepay.ids..",
    "com.oncepay.order.model..",
    "com.oncepay.payment.model..",
  };

  /** The use cases: they may use Spring for transactions and wiring, but speak no HTTP. */
  private static final String[] APPLICATION = {
    "com.oncepay.order.application..",
    "com.oncepay.payment.application..",
    "com.oncepay.payment.claims..",
  };

  private static final String[] HTTP_AND_JSON = {
    "com.oncepay.web..",
    "..web..",
    "jakarta.servlet..",
    "org.springframework.web..",
    "org.springframework.http..",
    "tools.jackson..",
    "com.fasterxml.jackson..",
  };

  @Test
  void modelIsFreeOfFrameworks() {
    noClasses()
        .that()
        .resideInAnyPackage(MODEL)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "java.sql..", "javax.sql..", "tools.jackson..", "jakarta..")
        .check(CLASSES);
  }

  @Test
  void domainSpeaksNoHttpAndNoJson() {
    noClasses()
        .that()
        .resideInAnyPackage(MODEL)
        .or()
        .resideInAnyPackage(APPLICATION)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(HTTP_AND_JSON)
        .check(CLASSES);
  }

  @Test
  void featuresHaveNoCycles() {
    slices().matching("com.oncepay.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void rolesInsideAFeatureHaveNoCycles() {
    slices().matching("com.oncepay.(*).(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheSimulatorAdapterKnowsTheSimulator() {
    noClasses()
        .that()
        .resideOutsideOfPackages("com.oncepay.gateway.sim..", "com.oncepay.sim..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.oncepay.sim..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideOutsideOfPackage("com.oncepay.gateway.sim..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.oncepay.gateway.sim..")
        .check(CLASSES);
  }

  @Test
  void useCasesReachTheGatewayOnlyThroughItsPort() {
    noClasses()
        .that()
        .resideInAnyPackage(APPLICATION)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.oncepay.gateway.(*)..")
        .check(CLASSES);
  }
}

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

  /** The domain model: states, transitions, ids, money, commands and results. */
  private static final String[] DOMAIN =
      new String[] {
        "com.oncepay.money..", "com.oncepay.statemachine..",
      };

  @Test
  void domainIsFreeOfFrameworks() {
    noClasses()
        .that()
        .resideInAnyPackage(DOMAIN)
        .or()
        .haveSimpleNameEndingWith("Status")
        .or()
        .haveSimpleNameEndingWith("Event")
        .or()
        .haveSimpleNameEndingWith("StateMachine")
        .or()
        .haveSimpleNameEndingWith("Id")
        .or()
        .haveSimpleNameEndingWith("Command")
        .or()
        .haveSimpleNameEndingWith("GatewayResult")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "java.sql..", "javax.sql..", "tools.jackson..", "jakarta..")
        .check(CLASSES);
  }

  @Test
  void featuresHaveNoCycles() {
    slices().matching("com.oncepay.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheAdapterTalksToTheGateway() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.oncepay.gateway..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("SimGatewayAdapter")
        .check(CLASSES);
  }
}

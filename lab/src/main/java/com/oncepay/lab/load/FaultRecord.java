package com.oncepay.lab.load;

/**
 * One injected fault and what it cost.
 *
 * @param kind {@code kill_instance}, {@code restart_postgres}, {@code stop_gateway} or {@code
 *     cut_pgbouncer}
 * @param target what was hit, such as {@code instance-2}
 * @param atS when it was injected, seconds since the scenario started
 * @param downS how long the target was away: until a restarted process answered again
 * @param inFlight shop calls in flight at the fault (the operations whose recovery is timed)
 * @param recoveredAfterS seconds from the fault until the last of those calls had its definite
 *     answer and its order or payment read back definite; null when that did not happen in time
 * @param unresolved how many of them never became definite in time
 * @param slowest the call that became definite last (or one that never did): operation, target, how
 *     it ended — where to look when the recovery was slow; null when none was in flight
 * @param note what else happened, such as an instance that needed several starts, or null
 * @param error why the fault could not be injected or repaired, or null
 */
public record FaultRecord(
    String kind,
    String target,
    double atS,
    double downS,
    int inFlight,
    Double recoveredAfterS,
    int unresolved,
    String slowest,
    String note,
    String error) {}

package com.oncepay.doctor;

/** How to judge the Redis that ONCEPAY_REDIS_URL points at. Pure: no I/O. */
final class RedisRules {

  private RedisRules() {}

  static Finding notConfigured() {
    return Finding.ok("redis", "not configured (ONCEPAY_REDIS_URL is unset)");
  }

  static Finding reachable(String where, String version) {
    return Finding.ok("redis", "Redis " + version + " answers PING at " + where);
  }

  static Finding unreachable(String where, String why) {
    return Finding.fail(
        "redis",
        "no answer from Redis at " + where + ": " + why,
        "start Redis or fix ONCEPAY_REDIS_URL (redis://[:password@]host:port[/db])");
  }

  static Finding evictionPolicy(String policy) {
    if ("noeviction".equals(policy)) {
      return Finding.ok(
          "redis-eviction",
          "maxmemory-policy=noeviction: a full Redis refuses writes, never drops keys");
    }
    return Finding.fail(
        "redis-eviction",
        "maxmemory-policy="
            + policy
            + ": when memory is full Redis silently deletes keys, a held lock among them, and a"
            + " second holder then takes it",
        "CONFIG SET maxmemory-policy noeviction, and put maxmemory-policy noeviction in"
            + " redis.conf so it survives a restart");
  }

  /**
   * @param save the {@code save} snapshot schedule ("" = none)
   * @param appendOnly the {@code appendonly} setting
   */
  static Finding persistence(String save, String appendOnly) {
    if ("yes".equals(appendOnly)) {
      return Finding.ok(
          "redis-persistence", "appendonly=yes: locks and counters survive a restart");
    }
    String finding =
        save == null || save.isBlank()
            ? "save=\"\" and appendonly=no: Redis keeps nothing on disk, so a restart forgets every"
                + " lock and fencing counter"
            : "save=\""
                + save
                + "\" and appendonly=no: a restart loses the writes since the last snapshot,"
                + " locks and fencing counters among them";
    return Finding.warn(
        "redis-persistence",
        finding
            + ". Safe with the redis strategy: PostgreSQL's guarded writes still decide every race"
            + " (a forgotten lock only lets two holders meet there), and a fencing counter that"
            + " restarts below the stored fences is moved past them by the first holder refused",
        "set appendonly yes (appendfsync everysec) in redis.conf, or accept the window knowingly");
  }
}

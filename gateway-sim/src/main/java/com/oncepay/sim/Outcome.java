package com.oncepay.sim;

/**
 * What processing a POST produced.
 *
 * @param remember whether the answer becomes the key's stored, replayable answer
 * @param hangMs how long the owner waits before answering (the answer is stored before that)
 */
record Outcome(Reply reply, boolean remember, long hangMs) {

  static Outcome remembered(Reply reply) {
    return new Outcome(reply, true, 0);
  }

  static Outcome notRemembered(Reply reply) {
    return new Outcome(reply, false, 0);
  }

  Outcome hangingFor(long ms) {
    return new Outcome(reply, remember, ms);
  }
}

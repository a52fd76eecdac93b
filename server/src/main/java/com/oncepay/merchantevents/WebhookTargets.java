package com.oncepay.merchantevents;

import com.oncepay.config.OncepayProperties;
import com.oncepay.gateway.LocalGateway;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where a merchant's webhooks may go: the public internet. A URL whose host resolves to a loopback,
 * private, link-local (the cloud metadata service, 169.254.169.254), carrier-grade NAT,
 * unique-local or otherwise special address would let any merchant key make oncepay call into its
 * own network and read the answers back from the delivery log. Refused when the endpoint is set,
 * and checked again right before every delivery, because a name may resolve elsewhere later (DNS
 * rebinding): the check's lookup is the one the HTTP client's connection then uses, from the JVM's
 * address cache, milliseconds later.
 *
 * <p>{@code ONCEPAY_WEBHOOKS_ALLOWED_NETWORKS} lets chosen networks through (a shop's receiver on
 * its own private network; the race lab's receiver on 127.0.0.1). {@code ./oncepay serve} with its
 * in-process simulator is a development setup and allows loopback.
 */
@Component
class WebhookTargets {

  private final List<Network> allowed = new ArrayList<>();

  @org.springframework.beans.factory.annotation.Autowired
  WebhookTargets(OncepayProperties properties, ObjectProvider<LocalGateway> localGateway) {
    this(properties.webhooks().allowedNetworks(), localGateway.getIfAvailable() != null);
  }

  WebhookTargets(List<String> allowedNetworks, boolean development) {
    for (String cidr : allowedNetworks) {
      if (!cidr.isBlank()) {
        allowed.add(Network.parse(cidr));
      }
    }
    if (development) {
      allowed.add(Network.parse("127.0.0.0/8"));
      allowed.add(Network.parse("::1/128"));
    }
  }

  /**
   * Why the endpoint may not be set to this URL; empty when it may. A host that does not resolve
   * (yet) is accepted: it reaches nothing now, and every delivery checks again.
   */
  Optional<String> refusalToStore(URI target) {
    return refusal(target, false);
  }

  /** Why nothing may be sent to this URL now; empty when it may. */
  Optional<String> refusalToSend(URI target) {
    return refusal(target, true);
  }

  private Optional<String> refusal(URI target, boolean unresolvedRefused) {
    String host = target.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("it has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return unresolvedRefused
          ? Optional.of("its host " + host + " does not resolve")
          : Optional.empty();
    }
    for (InetAddress address : addresses) {
      if (special(address) && allowed.stream().noneMatch(n -> n.contains(address))) {
        return Optional.of(
            "its host "
                + host
                + " resolves to "
                + address.getHostAddress()
                + ", a loopback, private or otherwise internal address; webhooks go to public"
                + " addresses (an operator can allow networks with"
                + " ONCEPAY_WEBHOOKS_ALLOWED_NETWORKS)");
      }
    }
    return Optional.empty();
  }

  private static boolean special(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this network"
          || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved, broadcast
    }
    if (address instanceof Inet6Address) {
      boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
      boolean mappedOrCompatibleV4 =
          isZero(b, 0, 10) && ((b[10] & b[11] & 0xff) == 0xff || isZero(b, 10, 12));
      if (mappedOrCompatibleV4) {
        try {
          return special(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return true;
        }
      }
      return uniqueLocal;
    }
    return true;
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** An address block in CIDR notation. */
  record Network(byte[] prefix, int bits) {

    static Network parse(String cidr) {
      String[] parts = cidr.strip().split("/", 2);
      try {
        byte[] prefix = InetAddress.getByName(parts[0]).getAddress();
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : prefix.length * 8;
        if (!parts[0].matches("[0-9a-fA-F:.]+") || bits < 0 || bits > prefix.length * 8) {
          throw new IllegalArgumentException();
        }
        return new Network(prefix, bits);
      } catch (UnknownHostException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "ONCEPAY_WEBHOOKS_ALLOWED_NETWORKS: "
                + cidr
                + " is not an address block like 10.0.0.0/8");
      }
    }

    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (prefix[full] & mask);
    }
  }
}

package org.lamplight.cluster;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.OrderChannel;
import org.lamplight.domain.tracking.RejectedFixException;

/**
 * Presence across nodes. The node holding a device's connection decides whether it is online;
 * every node applies what it announces ({@code DeviceBus.PRESENCE}) and remembers where each
 * device last connected ({@code DeviceBus.CONNECTED}), so a node whose connection of a device
 * dropped does not call it offline once it reconnected elsewhere, and the devices of a node
 * that died can be put through the same grace period by a survivor.
 */
public final class ClusterPresence {

  private final Cluster cluster;
  private final LiveUnits units;
  private final Predicate<String> connectedHere;
  private final Map<String, String> nodeByDevice = new ConcurrentHashMap<>();

  public ClusterPresence(Cluster cluster, LiveUnits units, Predicate<String> connectedHere) {
    this.cluster = cluster;
    this.units = units;
    this.connectedHere = connectedHere;
  }

  /** {@code DeviceBus.CONNECTED}: the device connected to {@code nodeId}. */
  void connected(JsonObject connection) {
    nodeByDevice.put(connection.getString("deviceId"), connection.getString("nodeId"));
  }

  /**
   * {@code DeviceBus.PRESENCE} from any node (from this one it changes nothing). Returns false
   * when it said offline about a device connected here, which this node must contradict.
   */
  boolean announced(JsonObject presence) {
    String deviceId = presence.getString("deviceId");
    boolean online = presence.getBoolean("online");
    if (!online && connectedHere.test(deviceId)) {
      return false;
    }
    try {
      units.setOnline(deviceId, online);
      units.setChannel(deviceId, OrderChannel.fromWire(presence.getString("channel", OrderChannel.NONE.wire())));
    } catch (RejectedFixException e) {
      // a device this node does not know
    }
    return true;
  }

  /** Where the device last connected, or null. */
  String nodeOf(String deviceId) {
    return nodeByDevice.get(deviceId);
  }

  /** What another node's copy says, unless this node heard of a newer connection itself. */
  void connectedEarlier(String deviceId, String nodeId) {
    nodeByDevice.putIfAbsent(deviceId, nodeId);
  }

  /** Connected to this node, or last to another node that is still a member. */
  public boolean connectedAnywhere(String deviceId) {
    if (connectedHere.test(deviceId)) {
      return true;
    }
    String node = nodeByDevice.get(deviceId);
    return node != null && !node.equals(cluster.nodeId()) && cluster.isMember(node);
  }

  /**
   * The devices last connected to a node that left, for this node to put through the grace
   * period; empty unless this node is the oldest member, so only one node announces them.
   */
  List<String> orphanedBy(String nodeId) {
    List<String> members = cluster.members();
    if (members.isEmpty() || !members.get(0).equals(cluster.nodeId())) {
      return List.of();
    }
    return nodeByDevice.entrySet().stream().filter(e -> e.getValue().equals(nodeId)).map(Map.Entry::getKey).toList();
  }
}

package org.lamplight.dispatch;

/**
 * Which node drives which incident. A single node drives every incident ({@link #SINGLE_NODE});
 * in a cluster each incident has exactly one owning node ({@code org.lamplight.cluster.ClusterIncidentOwnership}).
 * Called on the dispatch verticle's context, which is a worker in a cluster, so implementations
 * may block.
 */
public interface IncidentOwnership {

  /** Everything is ours; nothing to record. */
  IncidentOwnership SINGLE_NODE = new IncidentOwnership() {
    @Override
    public boolean opened(String incidentId) {
      return true;
    }

    @Override
    public boolean adopt(String incidentId) {
      return true;
    }

    @Override
    public void closed(String incidentId) {
    }
  };

  /**
   * This node is opening the incident: it owns it from now on (before anything is claimed or
   * stored), and true. False when another node owns it already (a report sent again reached
   * another node): nothing changed, and the report is a duplicate.
   */
  boolean opened(String incidentId);

  /** Takes over a stored incident unless a live node owns it; true when this node now owns it. */
  boolean adopt(String incidentId);

  /** The incident ended here (or never came to exist): nobody owns it any more. */
  void closed(String incidentId);
}

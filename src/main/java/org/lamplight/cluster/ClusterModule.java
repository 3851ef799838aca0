package org.lamplight.cluster;

import org.lamplight.dispatch.DispatchService;
import org.lamplight.platform.Module;

/** What a node runs to work with the others; on a single node, nothing. */
public interface ClusterModule extends Module {

  /** Dispatch as the API reaches it: commands go to the node that drives their incident. */
  DispatchService dispatch();
}

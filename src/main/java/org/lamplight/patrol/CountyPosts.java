package org.lamplight.patrol;

import org.lamplight.domain.coverage.UnitPosts;
import org.lamplight.domain.org.County;

/** A county with the posts of its units, built together so that readers never mix two counties. */
record CountyPosts(County county, UnitPosts posts) {

  static CountyPosts of(County county) {
    return new CountyPosts(county, PatrolModule.posts(county));
  }
}

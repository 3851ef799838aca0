package org.lamplight.patrol;

import java.util.List;
import org.lamplight.domain.evaluation.YearRanking.Place;

/** The best offices, officers and auxiliaries of a year by their mean monthly score, over its closed months. */
public record YearRankings(int year, List<Place> offices, List<Place> officers, List<Place> auxiliaries) {

  public YearRankings {
    offices = List.copyOf(offices);
    officers = List.copyOf(officers);
    auxiliaries = List.copyOf(auxiliaries);
  }
}

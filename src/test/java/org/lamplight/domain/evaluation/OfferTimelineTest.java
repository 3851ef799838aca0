package org.lamplight.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.dispatch.EventKind;
import org.lamplight.domain.dispatch.IncidentEvent;
import org.lamplight.domain.evaluation.Offer.Answer;

class OfferTimelineTest {

  private final List<IncidentEvent> timeline = new ArrayList<>();

  private void at(long ms, EventKind kind, String unit) {
    timeline.add(new IncidentEvent("i-1", timeline.size() + 1, ms, kind, unit, null, Map.of()));
  }

  @Test
  void anAcceptedOfferCarriesItsAcceptanceAndItsFirstArrivalOnScene() {
    at(1_000, EventKind.CREATED, null);
    at(2_000, EventKind.OFFER_SENT, "aux-1");
    at(14_000, EventKind.ACCEPTED, "aux-1");
    at(15_000, EventKind.ENROUTE, "aux-1");
    at(600_000, EventKind.ON_SCENE, "aux-1");
    at(700_000, EventKind.ON_SCENE, "aux-1");
    assertThat(OfferTimeline.of(timeline))
        .containsExactly(Offer.accepted("aux-1", 2_000, 14_000, OptionalLong.of(600_000)));
  }

  @Test
  void declinedTimedOutAndOfflineOffersAreAnsweredOnesAndWithdrawnOnesAreCancelled() {
    at(1_000, EventKind.OFFER_SENT, "aux-1");
    at(1_000, EventKind.OFFER_SENT, "aux-2");
    at(1_000, EventKind.OFFER_SENT, "aux-3");
    at(5_000, EventKind.DECLINED, "aux-1");
    at(31_000, EventKind.TIMED_OUT, "aux-2");
    at(32_000, EventKind.UNIT_OFFLINE, "aux-3");
    at(33_000, EventKind.OFFER_SENT, "aux-4");
    at(34_000, EventKind.OFFER_SENT, "aux-5");
    at(35_000, EventKind.RELEASED, "aux-4");
    at(40_000, EventKind.CANCELLED, null);
    assertThat(OfferTimeline.of(timeline)).containsExactly(
        Offer.unaccepted("aux-1", 1_000, Answer.DECLINED),
        Offer.unaccepted("aux-2", 1_000, Answer.TIMED_OUT),
        Offer.unaccepted("aux-3", 1_000, Answer.TIMED_OUT),
        Offer.unaccepted("aux-4", 33_000, Answer.CANCELLED),
        Offer.unaccepted("aux-5", 34_000, Answer.CANCELLED));
  }

  @Test
  void anOfferNotAnsweredYetIsLeftOutAndAnAcceptanceWithoutOfferIsNoOffer() {
    at(1_000, EventKind.ACCEPTED, "aux-1");
    at(2_000, EventKind.OFFER_SENT, "aux-2");
    assertThat(OfferTimeline.of(timeline)).isEmpty();
  }
}

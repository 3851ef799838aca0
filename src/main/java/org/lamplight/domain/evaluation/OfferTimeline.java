package org.lamplight.domain.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.lamplight.domain.dispatch.IncidentEvent;
import org.lamplight.domain.evaluation.Offer.Answer;

/**
 * The offers of an incident's timeline, as the response indicators count them. An offer opens
 * with {@code offer_sent} and ends with the unit's next {@code accepted}, {@code declined} or
 * {@code timed_out}; going offline while offered ({@code unit_offline}) ends it as timed out (the
 * unit did not answer); released, or the incident finished, before an answer, it was withdrawn
 * (cancelled, not counted). The first {@code on_scene} of a unit after its acceptance is its
 * arrival. An offer still open at the end of the timeline is left out: it is not answered yet.
 * Acceptances without an offer (a reporter taking their own incident, a manual assignment) are
 * not offers.
 */
public final class OfferTimeline {

  private OfferTimeline() {
  }

  /** @param timeline one incident's entries in sequence order */
  public static List<Offer> of(List<IncidentEvent> timeline) {
    List<Offer> offers = new ArrayList<>();
    Map<String, Long> open = new HashMap<>();
    Map<String, Integer> acceptedAt = new HashMap<>(); // unit -> index in offers of its accepted offer awaiting arrival
    for (IncidentEvent e : timeline) {
      String unit = e.unitId();
      switch (e.kind()) {
        case OFFER_SENT -> {
          Long earlier = open.put(unit, e.atMs());
          if (earlier != null) {
            offers.add(Offer.unaccepted(unit, earlier, Answer.CANCELLED));
          }
        }
        case ACCEPTED -> {
          Long offered = open.remove(unit);
          if (offered != null) {
            acceptedAt.put(unit, offers.size());
            offers.add(Offer.accepted(unit, offered, e.atMs(), OptionalLong.empty()));
          }
        }
        case DECLINED -> close(open, offers, unit, Answer.DECLINED);
        case TIMED_OUT, UNIT_OFFLINE -> close(open, offers, unit, Answer.TIMED_OUT);
        case RELEASED -> close(open, offers, unit, Answer.CANCELLED);
        case ON_SCENE -> {
          Integer i = acceptedAt.remove(unit);
          if (i != null) {
            Offer a = offers.get(i);
            offers.set(i, Offer.accepted(unit, a.offeredAtMs(), a.acceptedAtMs().getAsLong(), OptionalLong.of(e.atMs())));
          }
        }
        case RESOLVED, CANCELLED, CLOSED -> {
          open.forEach((u, at) -> offers.add(Offer.unaccepted(u, at, Answer.CANCELLED)));
          open.clear();
        }
        default -> {
          // escalations and notifications are not offers
        }
      }
    }
    return offers;
  }

  private static void close(Map<String, Long> open, List<Offer> offers, String unit, Answer answer) {
    Long offered = open.remove(unit);
    if (offered != null) {
      offers.add(Offer.unaccepted(unit, offered, answer));
    }
  }
}

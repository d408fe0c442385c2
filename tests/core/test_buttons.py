"""Button ids: one registry of kinds, owners inside ids, and what a press spends."""

from __future__ import annotations

import pytest

from core import buttons, data_deletion, event_list
from core.campaigns import actions as campaign_actions
from core.chat_settings import action as settings_action
from core.conversation import actions
from core.conversation.messages import Ask, Choice, ChoiceRole, menu_option, navigation
from core.engagement import rsvp


def test_every_prefix_is_declared_once() -> None:
    prefixes = [kind.prefix for kind in buttons.KINDS]
    assert len(prefixes) == len(set(prefixes))
    assert all(kind.what for kind in buttons.KINDS)


@pytest.mark.parametrize(
    ("action_id", "kind"),
    [
        (actions.wizard("42", "pick", "techno"), buttons.WIZARD),
        (actions.review(7, "approve", 3), buttons.REVIEW),
        (campaign_actions.campaign(7, "now"), buttons.CAMPAIGN),
        (campaign_actions.post(8, "drop"), buttons.POST),
        (campaign_actions.delivery(9, "retry"), buttons.DELIVERY),
        (buttons.target(4, "remove"), buttons.TARGET),
        (settings_action("timezone", "Asia/Seoul"), buttons.SETTINGS),
        (event_list.open_action(5), buttons.EVENT),
        (data_deletion.confirm_action("42"), buttons.DELETION),
        (buttons.GO.id("newevent"), buttons.GO),
        (rsvp.button_id(5, rsvp.GOING), buttons.RSVP),
    ],
)
def test_each_builder_makes_an_id_of_its_kind(action_id: str, kind: buttons.ButtonKind) -> None:
    assert buttons.kind_of(action_id) is kind
    assert len(action_id.encode()) <= 64  # Telegram's callback_data limit


def test_wizard_ids_carry_their_owner_and_still_parse() -> None:
    owned = actions.wizard("123456789", "pick", "techno")
    assert owned == "nv@123456789:pick:techno"
    assert buttons.owner_of(owned) == "123456789"
    assert actions.parse_wizard(owned) == ("pick", "techno")
    # A button sent before owners were written into ids keeps working, for anyone.
    assert buttons.owner_of("nv:skip") is None
    assert actions.parse_wizard("nv:skip") == ("skip", None)


def test_an_owner_only_kind_refuses_to_build_without_an_owner() -> None:
    with pytest.raises(ValueError):
        buttons.WIZARD.id("cancel")


def test_numbered_ids_keep_colons_in_their_last_segment() -> None:
    pressed = campaign_actions.parse("cp:7:at:2026-12-20 22:00")
    assert pressed == buttons.Pressed("cp", 7, "at", "2026-12-20 22:00")
    assert campaign_actions.parse("rv:7:approve") is None
    assert actions.parse_review("rv:x:approve") is None
    assert buttons.parse("zz:1:what") is None


def test_roles_come_from_construction_and_dismiss_from_the_kind() -> None:
    pick = Choice(actions.wizard("1", "pick", "house"), "House")
    assert pick.roles == {ChoiceRole.ANSWER, ChoiceRole.DISMISS}
    assert pick.owner == "1"
    cancel = navigation(actions.wizard("1", "cancel"), "Cancel")
    assert cancel.roles == {ChoiceRole.NAVIGATE, ChoiceRole.DISMISS}
    go = Choice(buttons.GO.id("newevent"), "New event")
    assert go.roles == {ChoiceRole.ANSWER} and go.owner is None


def test_a_menu_is_menu_options_with_their_way_back() -> None:
    theme = menu_option(actions.review(1, "theme", "neon"), "Neon")
    back = navigation(actions.review(1, "show"), "Back", menu=True)
    assert Ask("pick", (theme, back)).is_menu
    cancel = navigation(actions.wizard("1", "cancel"), "Cancel")
    assert not Ask("pick", (theme, cancel)).is_menu
    assert not Ask("pick").is_menu
    assert Ask("type it", (cancel,)).only_navigates
    assert not Ask("pick", (theme, back)).only_navigates

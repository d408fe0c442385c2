"""The /newevent questions, one field at a time, and editing a field from the preview.

Steps are stored as strings on the conversation row: `wizard:<field>` while creating,
`edit:<field>` while changing one field of a reviewed draft, and `review`.
"""

from __future__ import annotations

from core.conversation import actions
from core.conversation.draft_fields import (
    EDITABLE_FIELDS,
    GENRE_CHOICES,
    OPTIONAL_FIELDS,
    WIZARD_FIELDS,
    apply_text,
    clear,
    current_value,
    is_filled,
)
from core.conversation.form import FORM_FIELDS, MAX_LENGTHS, TYPED_KEY, event_form
from core.conversation.messages import (
    Action,
    Ask,
    Choice,
    Command,
    Form,
    Input,
    Notice,
    Output,
    Photo,
    Problem,
    Text,
    navigation,
)
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from core.parsing.errors import FieldError
from core.parsing.photo import CheckedPhoto, PhotoLimits, check_photo
from core.parsing.short_fields import command_word
from storage import repositories
from storage.media import MediaStore
from storage.models import Conversation, Event
from storage.statuses import EventStatus

REVIEW_STEP = "review"
FORM_KEY = "form"  # conversation.data: the draft's text fields came from a form
MAX_KEPT = 1000  # a refused value is kept for the form to show again, up to this length


class Wizard:
    def __init__(self, media: MediaStore, limits: PhotoLimits) -> None:
        self._media = media
        self._limits = limits

    async def handle(self, turn: Turn, message: Input) -> Reply:
        if isinstance(message, Command):
            return await self._command(turn, message)
        conversation = turn.conversation
        if conversation is None or conversation.event_id is None:
            return Reply([Notice(turn.t("flow.idle"))])
        event = await turn.session.get(Event, conversation.event_id)
        if event is None:
            await repositories.end_conversation(turn.session, conversation)
            return Reply([Notice(turn.t("flow.idle"))])
        step = _Step(turn, conversation, event, self)
        return await step.handle(message)

    async def _command(self, turn: Turn, command: Command) -> Reply:
        name = command.name.lower()
        if name in ("newevent", "resume"):
            return await self._start(turn, fresh=name != "resume")
        if name == "cancel":
            return await self._cancel(turn)
        return Reply([Notice(turn.t("flow.idle"))])

    async def _start(self, turn: Turn, *, fresh: bool) -> Reply:
        conversation = turn.conversation
        if conversation is not None and conversation.event_id is not None:
            event = await turn.session.get(Event, conversation.event_id)
            if event is not None and event.status != EventStatus.CANCELLED:
                resumed = _Step(turn, conversation, event, self)
                reply = resumed.repeat()
                if fresh:
                    reply.outputs.insert(0, Notice(turn.t("flow.resumed")))
                return reply
        if not fresh:
            return Reply([Notice(turn.t("flow.idle"))])
        event = Event(
            workspace_id=turn.workspace.id,
            author_id=turn.user.id,
            status=EventStatus.DRAFT,
            timezone=turn.workspace.timezone,
            lineup=[],
            created_at=turn.now,
            updated_at=turn.now,
        )
        turn.session.add(event)
        await turn.session.flush()
        conversation = turn.conversation_or_new(step=f"wizard:{WIZARD_FIELDS[0]}")
        conversation.event_id = event.id
        conversation.step = f"wizard:{WIZARD_FIELDS[0]}"
        conversation.updated_at = turn.now
        first = ask_for(turn, event, WIZARD_FIELDS[0], editing=False)
        form = event_form(turn, event, editing=False)
        return Reply([Ask(first.prompt, first.choices, field=first.field, form=form)])

    async def _cancel(self, turn: Turn) -> Reply:
        conversation = turn.conversation
        if conversation is None:
            return Reply([Notice(turn.t("flow.nothing_to_cancel"))])
        if conversation.step.startswith("edit:"):
            event_id = conversation.event_id
            conversation.step = REVIEW_STEP
            return Reply(show_event_id=event_id)
        if conversation.event_id is not None:
            event = await turn.session.get(Event, conversation.event_id)
            if event is not None and event.status in (EventStatus.DRAFT, EventStatus.REVIEW):
                event.status = EventStatus.CANCELLED
                event.updated_at = turn.now
        await repositories.end_conversation(turn.session, conversation)
        return Reply([Notice(turn.t("flow.cancelled"))])

    def check_photo(self, photo: Photo) -> CheckedPhoto:
        return check_photo(
            photo.data,
            photo.mime,
            max_bytes=self._limits.max_bytes,
            max_pixels=self._limits.max_pixels,
        )

    @property
    def media(self) -> MediaStore:
        return self._media


class _Step:
    """The current question of one conversation, and how an answer moves it on."""

    def __init__(self, turn: Turn, conversation: Conversation, event: Event, wizard: Wizard):
        self.turn = turn
        self.conversation = conversation
        self.event = event
        self.wizard = wizard
        mode, _, name = conversation.step.partition(":")
        self.mode = mode
        self.field = name or None

    def repeat(self) -> Reply:
        if self.field is None:
            return Reply(show_event_id=self.event.id)
        return Reply([ask_for(self.turn, self.event, self.field, editing=self.editing)])

    @property
    def editing(self) -> bool:
        return self.mode == "edit"

    async def handle(self, message: Input) -> Reply:
        if isinstance(message, Action):
            return await self._action(message)
        if isinstance(message, Form):
            return await self._form(message)
        if self.field is None:
            return Reply([Notice(self.turn.t("flow.use_buttons"))], show_event_id=self.event.id)
        if isinstance(message, Photo):
            return await self._photo(message)
        if isinstance(message, Text):
            word = command_word(message.text)
            if word is not None:
                return await self._control(word)
            return self._answer(message.text)
        return self.repeat()

    async def _action(self, action: Action) -> Reply:
        parsed = actions.parse_wizard(action.id)
        if parsed is not None and parsed[0] == "form":
            return Reply([self._form_ask(self.field or FORM_FIELDS[0])])
        if parsed is None or self.field is None:
            return self.repeat()
        verb, arg = parsed
        if verb == "pick" and arg is not None:
            return self._answer(arg)
        if verb in ("back", "skip", "cancel"):
            return await self._control(verb)
        return self.repeat()

    async def _control(self, word: str) -> Reply:
        if word == "cancel":
            return await self.wizard._cancel(self.turn)
        if word == "back":
            return self._back()
        return self._skip()

    def _back(self) -> Reply:
        if self.editing:
            return self._to_review()
        index = WIZARD_FIELDS.index(self.field) if self.field in WIZARD_FIELDS else 0
        if index == 0:
            reply = self.repeat()
            reply.outputs.insert(0, Notice(self.turn.t("flow.first_step")))
            return reply
        return self._go_to(WIZARD_FIELDS[index - 1])

    def _skip(self) -> Reply:
        assert self.field is not None
        if self.field not in OPTIONAL_FIELDS:
            reply = self.repeat()
            reply.outputs.insert(0, Problem(self.turn.t("flow.required")))
            return reply
        clear(self.event, self.field)
        self._touch()
        return self._advance()

    def _answer(self, text: str) -> Reply:
        assert self.field is not None
        if self.field == "photo":
            reply = self.repeat()
            reply.outputs.insert(0, Problem(self.turn.t("flow.photo_expected")))
            return reply
        try:
            apply_text(self.event, self.field, text, now=self.turn.now)
        except FieldError as error:
            return self._refused(error)
        self._touch()
        return self._advance()

    async def _photo(self, photo: Photo) -> Reply:
        """The event's photo; one sent before its question is kept and the question stays."""
        try:
            checked = self.wizard.check_photo(photo)
        except FieldError as error:
            return self._refused(error)
        await self._keep_photo(checked)
        self._touch()
        if self.field != "photo":
            reply = self.repeat()
            reply.outputs.insert(0, Notice(self.turn.t("flow.photo_kept")))
            return reply
        return self._advance()

    async def _keep_photo(self, checked: CheckedPhoto) -> None:
        self.event.photo_sha256 = await self.wizard.media.put(
            self.turn.session,
            checked.data,
            mime=checked.mime,
            now=self.turn.now,
            width=checked.width,
            height=checked.height,
        )

    async def _form(self, form: Form) -> Reply:
        """Several fields at once: keep every valid one, report every refused one.

        A refused field is kept exactly as typed, so reopening the form shows it again;
        an emptied optional field is cleared, an emptied required one is refused.
        """
        problems: list[Output] = []
        typed: dict[str, str] = {}
        for name in EDITABLE_FIELDS:
            text = form.fields.get(name)
            if name == "photo" or text is None:
                continue
            label = self.turn.t(f"field.{name}")
            if not text.strip():
                if name in OPTIONAL_FIELDS:
                    clear(self.event, name)
                    continue
                typed[name] = text
                problems.append(Problem(f"{label}: {self.turn.t('flow.required')}"))
                continue
            try:
                apply_text(self.event, name, text, now=self.turn.now)
            except FieldError as error:
                typed[name] = text[: MAX_LENGTHS.get(name, MAX_KEPT)]
                problems.append(Problem(f"{label}: {self.turn.t(error.key, **error.params)}"))
        self._touch()
        from_review = self.field is None
        self.conversation.data = {
            **(self.conversation.data or {}),
            FORM_KEY: True,
            TYPED_KEY: typed,
        }
        if problems:
            first = next(iter(typed))
            self.mode = "edit" if from_review or self.editing else "wizard"
            self._set_step(first)
            again = self._form_ask(first).form
            assert again is not None
            owner = self.turn.sender.user_id
            cancel = navigation(actions.wizard(owner, "cancel"), self.turn.t("button.cancel"))
            ask = Ask(self.turn.t("form.fix"), (again.reopen, cancel), field=first, form=again)
            return Reply([*problems, ask])
        if from_review or self.editing:
            return self._to_review(render=True)
        missing = self._first_missing()
        if missing is None:
            return self._to_review(render=True)
        return self._go_to(missing)

    def _form_ask(self, name: str) -> Ask:
        ask = ask_for(self.turn, self.event, name, editing=self.editing)
        form = event_form(self.turn, self.event, editing=self.mode != "wizard")
        return Ask(ask.prompt, ask.choices, field=ask.field, form=form)

    def _refused(self, error: FieldError) -> Reply:
        assert self.field is not None
        message = self.turn.t(error.key, **error.params)
        return Reply([Problem(message), self._ask(self.field)])

    def _advance(self) -> Reply:
        if self.editing:
            return self._to_review(render=True)
        assert self.field is not None
        missing = self._next_unanswered()
        if missing is None:
            return self._to_review(render=True)
        return self._go_to(missing)

    def _next_unanswered(self) -> str | None:
        """The next wizard field after this one; required ones left blank come back too."""
        if (self.conversation.data or {}).get(FORM_KEY):
            return self._first_missing()  # the form answered the rest; photo came with it
        index = WIZARD_FIELDS.index(self.field) if self.field in WIZARD_FIELDS else -1
        if index + 1 < len(WIZARD_FIELDS):
            return WIZARD_FIELDS[index + 1]
        return self._first_missing()

    def _first_missing(self) -> str | None:
        for name in WIZARD_FIELDS:
            if name not in OPTIONAL_FIELDS and not is_filled(self.event, name):
                return name
        return None

    def _go_to(self, name: str) -> Reply:
        self._set_step(name)
        return Reply([self._ask(name)])

    def _set_step(self, name: str) -> None:
        self.field = name
        self.conversation.step = f"{'edit' if self.editing else 'wizard'}:{name}"
        self.conversation.updated_at = self.turn.now

    def _to_review(self, *, render: bool = False) -> Reply:
        self.conversation.step = REVIEW_STEP
        self.conversation.updated_at = self.turn.now
        if render:
            return Reply(render_event_id=self.event.id)
        return Reply(show_event_id=self.event.id)

    def _ask(self, name: str) -> Ask:
        return ask_for(self.turn, self.event, name, editing=self.editing)

    def _touch(self) -> None:
        self.event.updated_at = self.turn.now
        self.conversation.updated_at = self.turn.now


def ask_for(turn: Turn, event: Event, name: str, *, editing: bool) -> Ask:
    """The question for `name`, with an example, a progress marker and its buttons."""
    progress = "" if editing else f"({WIZARD_FIELDS.index(name) + 1}/{len(WIZARD_FIELDS)}) "
    prompt = turn.t(f"ask.{name}", progress=progress)
    value = current_value(event, name, turn.locale) if editing else None
    if value:
        prompt += "\n" + turn.t("ask.current_value", value=value)
    owner = turn.sender.user_id
    choices: list[Choice] = []
    if name == "genre":
        choices += [
            Choice(actions.wizard(owner, "pick", genre), turn.t(f"genre.{genre}"))
            for genre in GENRE_CHOICES
        ]
    if editing or WIZARD_FIELDS.index(name) > 0:
        choices.append(navigation(actions.wizard(owner, "back"), turn.t("button.back")))
    if name in OPTIONAL_FIELDS:
        choices.append(navigation(actions.wizard(owner, "skip"), turn.t("button.skip")))
    choices.append(navigation(actions.wizard(owner, "cancel"), turn.t("button.cancel")))
    return Ask(prompt, tuple(choices), field=name)

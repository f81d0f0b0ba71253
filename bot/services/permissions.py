"""Who may do what. The one place a role rule lives, checked on the server for every action."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import Role, Workshop

# Admins bootstrap coordinators; coordinators appoint workshop leaders and methodists.
GRANTABLE_BY: dict[Role, frozenset[Role]] = {
    Role.ADMIN: frozenset({Role.COORDINATOR, Role.LEADER, Role.METHODIST}),
    Role.COORDINATOR: frozenset({Role.LEADER, Role.METHODIST}),
}


@dataclass(frozen=True)
class Actor:
    """The person behind an update, with the roles in force for them right now."""

    user_id: int
    roles: frozenset[Role]
    registered: bool

    def has(self, role: Role) -> bool:
        return role in self.roles or Role.ADMIN in self.roles

    @property
    def is_coordinator(self) -> bool:
        return self.has(Role.COORDINATOR)

    @property
    def is_privileged(self) -> bool:
        return bool(self.roles - {Role.TEACHER})

    def manages(self, workshop: Workshop | None) -> bool:
        """A workshop's leader manages it and its sessions; coordinators manage every one."""
        leads = workshop is not None and workshop.leader_id == self.user_id
        return self.is_coordinator or leads

    def may_grant(self, role: Role) -> bool:
        return any(role in GRANTABLE_BY.get(own, frozenset()) for own in self.roles)


def effective_roles(
    stored: frozenset[Role], *, user_id: int, registered: bool, admin_ids: frozenset[int]
) -> frozenset[Role]:
    roles = set(stored)
    if registered:
        roles.add(Role.TEACHER)
    if user_id in admin_ids:
        roles.add(Role.ADMIN)
    return frozenset(roles)

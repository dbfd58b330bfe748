"""Profile names shared by the Python entry points."""

PROFILES = ("reference", "default")
DEFAULT_PROFILE = "default"


def check_profile(profile: str) -> str:
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; valid profiles: reference, default")
    return profile

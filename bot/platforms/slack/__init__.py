"""The Slack adapter: a Bolt (asyncio) app that turns Slack traffic into service calls."""

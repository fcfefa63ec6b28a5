// Renders rolebot's Teams cards with the Adaptive Cards JavaScript renderer and reports,
// per card, what the renderer complained about and what does not fit the card's width.
// The Python side (bot/tools/preview) writes the page that loads this script; the result
// is written as JSON into <pre id="rolebot-result"> for headless Chromium to read back.
/* global AdaptiveCards */
(function () {
  "use strict";

  // Close to what Teams uses for chat cards: 8 px spacing, buttons side by side.
  var HOST_CONFIG = {
    fontFamily: "'Segoe UI', system-ui, sans-serif",
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 24, padding: 12 },
    separator: { lineThickness: 1, lineColor: "#E1E1E1" },
    fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
    actions: {
      maxActions: 6,
      buttonSpacing: 8,
      showCard: { actionMode: "inline", inlineTopMargin: 8 },
      actionsOrientation: "horizontal",
      actionAlignment: "left",
    },
    containerStyles: {
      default: { backgroundColor: "#FFFFFF", foregroundColors: { default: { default: "#242424", subtle: "#616161" }, accent: { default: "#5B5FC7" }, warning: { default: "#C4314B" } } },
      emphasis: { backgroundColor: "#F5F5F5", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } },
    },
  };

  function describe(el) {
    var text = (el.textContent || "").trim().replace(/\s+/g, " ");
    return el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "") + ": " + text.slice(0, 80);
  }

  function overflowOf(frame) {
    var limit = frame.getBoundingClientRect().right + 0.5;
    var found = [];
    frame.querySelectorAll("*").forEach(function (el) {
      var box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > limit) {
        found.push("wider than the card: " + describe(el));
      }
      // A button whose title is cut with an ellipsis does not fit either.
      if (el.closest("button") && el.tagName !== "BUTTON" && el.scrollWidth > el.clientWidth + 1) {
        found.push("button text cut: " + describe(el));
      }
    });
    return found;
  }

  function renderOne(entry, host) {
    var report = { name: entry.name, parse: [], validation: [], overflow: [] };
    var card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(HOST_CONFIG);
    var context = new AdaptiveCards.SerializationContext();
    try {
      card.parse(entry.card, context);
    } catch (error) {
      report.parse.push("parse failed: " + error);
    }
    for (var i = 0; i < context.eventCount; i++) {
      var event = context.getEventAt(i);
      report.parse.push(String(event.message));
    }
    var results = card.validateProperties();
    results.validationEvents.forEach(function (event) {
      report.validation.push(String(event.message));
    });
    var frame = document.createElement("div");
    frame.className = "rolebot-card";
    frame.style.width = entry.width + "px";
    var title = document.createElement("h3");
    title.textContent = entry.name;
    host.appendChild(title);
    host.appendChild(frame);
    var element = card.render();
    if (element) {
      frame.appendChild(element);
      // Open every "show card" so the screenshot and the width check see them too.
      element.querySelectorAll("button[aria-expanded='false']").forEach(function (b) { b.click(); });
    } else {
      report.parse.push("the renderer produced nothing");
    }
    report.overflow = overflowOf(frame);
    return report;
  }

  function main() {
    var host = document.getElementById("teams-cards");
    var reports = (window.ROLEBOT_CARDS || []).map(function (entry) { return renderOne(entry, host); });
    var out = document.getElementById("rolebot-result");
    out.textContent = JSON.stringify({ cards: reports, height: document.documentElement.scrollHeight });
    document.body.setAttribute("data-rendered", "yes");
  }

  if (typeof AdaptiveCards === "undefined") {
    document.getElementById("rolebot-result").textContent = JSON.stringify({ error: "the Adaptive Cards renderer did not load: run scripts/preview-deps.sh" });
  } else {
    main();
  }
})();

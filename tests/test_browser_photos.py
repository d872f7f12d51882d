"""A news post with one 12 MP phone photo, in real Chromium: what a parent's phone
(360 px at 2x) and a desktop (1280 px) download, and that the photo shows upright
at its reserved size (width and height attributes: no layout shift)."""

import pytest

pytest.register_assert_rewrite("browser")  # before the import: it is also a plugin
from browser import Tab, serving  # noqa: E402
from phone_photos import phone_build  # noqa: E402, F401 (a fixture)

pytest_plugins = ["browser"]
pytestmark = pytest.mark.browser

POST = "news/planting-day/"
# (viewport, device pixel ratio, most image bytes allowed)
SCREENS = {"phone": ((360, 740), 2, 350_000), "desktop": ((1280, 800), 1, 700_000)}

_SHOWN = """() => { const img = document.querySelector('main picture img');
  const r = img.getBoundingClientRect();
  return {src: img.currentSrc, natural: [img.naturalWidth, img.naturalHeight],
          box: [r.width, r.height], column: img.closest('p').getBoundingClientRect().width,
          shifts: performance.getEntriesByType('layout-shift').length}; }"""


@pytest.mark.parametrize("screen", SCREENS)
def test_phone_photo_within_the_byte_budget(chromium, phone_build, screen):  # noqa: F811
    (width, height), ratio, budget = SCREENS[screen]
    context = chromium.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=ratio
    )
    try:
        with serving(phone_build.output) as origin:
            tab = Tab(context)
            tab.open(f"{origin}/{POST}", settle=True)
            tab.page.mouse.wheel(0, 20_000)  # anything lazy below is loaded too
            tab.settle()
            images = [r for r in tab.responses if r.request.resource_type == "image"]
            sizes = {r.url.rsplit("/", 1)[-1]: len(r.body()) for r in images}
            shown = tab.evaluate(_SHOWN)
    finally:
        context.close()
    total = sum(sizes.values())
    print(f"\n{screen} ({width} px at {ratio}x): {total} image bytes {sizes}; shown {shown}")
    assert total <= budget, f"{total} bytes of images on a {screen}: {sizes}"
    assert any(name.startswith("planting-day-") and name.endswith(".webp") for name in sizes)
    assert "planting-day.jpg" not in sizes, "the photo's full-size address was loaded"
    natural_width, natural_height = shown["natural"]  # CSS pixels, for the srcset density
    assert natural_width < natural_height, "the photo shows sideways"
    chosen = int(shown["src"].rsplit("-", 1)[-1].split(".")[0])  # planting-day-720.webp
    assert chosen >= min(shown["column"] * ratio, 1600) * 0.9, "a blurry copy was chosen"
    box_width, box_height = shown["box"]
    assert abs(box_height - box_width * natural_height / natural_width) < 2

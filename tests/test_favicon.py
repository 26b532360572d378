"""/favicon.ico, asked for by browsers whatever the page links to, answers with the
icon (a 404 before)."""

from io import BytesIO

from django.contrib.staticfiles import finders
from PIL import Image


def test_favicon_ico_leads_to_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".ico")
    path = finders.find("img/favicon.ico")
    with Image.open(path) as icon:
        assert icon.format == "ICO"
        assert (32, 32) in icon.info["sizes"]
    with open(path, "rb") as file:
        Image.open(BytesIO(file.read())).verify()

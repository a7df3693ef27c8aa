from . import content


def site(request):
    return {"DISCLAIMER": content.DISCLAIMER}

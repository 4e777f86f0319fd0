app_name = "fediverse"

urlpatterns = []

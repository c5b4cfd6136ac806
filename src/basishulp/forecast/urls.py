from django.urls import path

from . import views

app_name = "forecast"
urlpatterns = [
    path("", views.index, name="index"),
    path("terugblik/", views.backtest_view, name="backtest"),
    path("scenarios/", views.scenarios_view, name="scenarios"),
    path("scenarios/<int:pk>/", views.scenario_view, name="scenario"),
    path("scenarios/<int:pk>/bewerken/", views.scenario_edit_view, name="scenario_edit"),
    path("scenarios/<int:pk>/verwijderen/", views.scenario_delete_view, name="scenario_delete"),
    path("scenarios/<int:pk>/bestand.toml", views.scenario_download_view, name="scenario_download"),
]

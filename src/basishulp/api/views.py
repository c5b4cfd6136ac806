"""API views: thin; everything goes through the same selectors as the pages, and the
access table decides (``permissions.AccessTablePermission``)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from django.db.models import QuerySet
from django.http import Http404
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from basishulp.accounts.models import Role
from basishulp.accounts.selectors import role_of, visible_municipality_codes
from basishulp.audit.models import AccessLogEntry
from basishulp.audit.services import log_access
from basishulp.dashboard.municipal import build_municipal_figures
from basishulp.dashboard.selectors import ScopeForbidden
from basishulp.finance.selectors import lump_sum_overview
from basishulp.toeleiding.models import HelpRequest, State
from basishulp.toeleiding.selectors import visible_requests

from .serializers import (
    FiguresSerializer,
    HelpRequestDetailSerializer,
    HelpRequestListSerializer,
    LumpSumSerializer,
    figures_json,
)

Event = AccessLogEntry.Event


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


ERRORS = {401: ErrorSerializer, 403: ErrorSerializer}

SCOPE = OpenApiParameter("scope", OpenApiTypes.STR, description="HLV or a CBS code (GM0917); default: your own")
PERIOD = OpenApiParameter(
    "period", OpenApiTypes.STR, description="2023, 2023-H1 or 2023-Q2 (default: the last complete half-year)"
)


class FiguresView(APIView):
    """Client flows, journeys, care, help requests and complaints for one scope and
    period: the tables of the municipality's page. Municipality users get them under
    disclosure control (``protected: true``); JENS roles get the true counts."""

    @extend_schema(parameters=[SCOPE, PERIOD], responses={200: FiguresSerializer, **ERRORS}, operation_id="figures")
    def get(self, request: Request) -> Response:
        params = {k: request.query_params.get(k, "") for k in ("scope", "period")}
        exact = role_of(request.user) != Role.MUNICIPALITY
        try:
            figures = build_municipal_figures(request.user, params, exact=exact)
        except ScopeForbidden:
            raise PermissionDenied from None
        return Response(figures_json(figures))


class LumpSumView(APIView):
    """The lump sum per year for the municipalities you may see, and HLV."""

    @extend_schema(responses={200: LumpSumSerializer(many=True), **ERRORS}, operation_id="lump_sums")
    def get(self, request: Request) -> Response:
        codes = visible_municipality_codes(request.user)
        years = lump_sum_overview(codes)
        data = [
            {"year": y.year, "municipalities": y.municipalities, "total": y.total, "taakstelling": y.taakstelling}
            for y in years
        ]
        return Response(LumpSumSerializer(data, many=True).data)


STATES = [s.value for s in State]


class RequestListView(generics.ListAPIView):
    """Help requests you may see (intake and controllers: all; care professionals and
    area managers: their areas), newest first. Every call is written to the access log."""

    serializer_class = HelpRequestListSerializer

    @extend_schema(
        parameters=[OpenApiParameter("state", OpenApiTypes.STR, enum=STATES, description="only this state")],
        responses={200: HelpRequestListSerializer(many=True), 400: OpenApiTypes.OBJECT, 404: ErrorSerializer, **ERRORS},
        operation_id="requests_list",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        state = request.query_params.get("state", "")
        if state and state not in STATES:
            raise serializers.ValidationError({"state": [f"unknown state; one of {', '.join(STATES)}"]})
        response = super().get(request, *args, **kwargs)
        log_access(request, Event.SEARCH, subject=f"API help request list{f' ({state})' if state else ''}")
        return response

    def get_queryset(self) -> QuerySet[HelpRequest]:
        qs = visible_requests(self.request.user).order_by("-received_on", "-id")
        state = self.request.query_params.get("state", "")
        return qs.filter(state=state) if state else qs


class RequestDetailView(generics.RetrieveAPIView):
    """One help request, if you may see it (404 otherwise, and the attempt is logged)."""

    serializer_class = HelpRequestDetailSerializer
    lookup_field = "reference"

    @extend_schema(
        responses={200: HelpRequestDetailSerializer, 404: ErrorSerializer, **ERRORS}, operation_id="requests_detail"
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_object(self) -> HelpRequest:
        reference = self.kwargs["reference"]
        found = visible_requests(self.request.user).filter(reference=reference).first()
        if found is None:
            existing = HelpRequest.objects.filter(reference=reference).select_related("client").first()
            if existing is not None:
                log_access(self.request, Event.VIEW, client=existing.client.pseudonym,
                           subject=f"API help request {reference}", outcome=AccessLogEntry.Outcome.DENIED)  # fmt: skip
            raise Http404
        log_access(self.request, Event.VIEW, client=found.client.pseudonym, subject=f"API help request {reference}")
        return found

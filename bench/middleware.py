from django.db import connection

QUERY_HEADER = "X-Bench-Queries"


def count_queries(get_response):
    """Return the number of SQL queries a request ran in a response header (DEBUG stays off)."""

    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response[QUERY_HEADER] = str(count)
        return response

    return middleware

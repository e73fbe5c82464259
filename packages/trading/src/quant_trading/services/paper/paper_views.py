"""The detail view of a paper run: its books summed into cash, equity, P&L and positions."""

from quant_trading.models.paper_book import PaperBook
from quant_trading.models.paper_run import PaperRun
from quant_trading.schemas.paper_run import PaperBookOut, PaperRunDetail
from quant_trading.services.engine_bridge import to_datetime


def book_out(book: PaperBook) -> PaperBookOut:
    return PaperBookOut(
        symbol=book.symbol,
        last_bar_time=None if book.cursor is None else to_datetime(book.cursor),
        bars=book.bar_count,
        cash=book.cash,
        equity=book.equity,
        position=book.position,
        trades=book.trades,
        realized_pnl=book.realized_pnl,
    )


def open_orders(books: list[PaperBook]) -> list[dict]:
    return [{"symbol": b.symbol, **order} for b in books for order in b.open_orders]


def run_detail(run: PaperRun, books: list[PaperBook]) -> PaperRunDetail:
    equity = sum(b.equity for b in books)
    return PaperRunDetail.model_validate(
        {
            **{k: v for k, v in run.model_dump().items() if k in PaperRunDetail.model_fields},
            "id": str(run.id),
            "initial_cash": run.config.initial_cash,
            "cash": sum(b.cash for b in books),
            "equity": equity,
            "pnl": equity - run.config.initial_cash,
            "positions": [b.position for b in books if b.position],
            "open_orders": open_orders(books),
            "books": [book_out(b) for b in books],
        }
    )
